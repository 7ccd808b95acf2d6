// A web app that is also a cluster node. Run three of them (see README.md beside this file):
//   dotnet run -- --Node:Port=4053 --urls=http://127.0.0.1:5000
//   dotnet run -- --Node:Port=4054 --urls=http://127.0.0.1:5001
//   dotnet run -- --Node:Port=4055 --urls=http://127.0.0.1:5002
// then open http://127.0.0.1:5000/convergence/ and http://127.0.0.1:5000/health.
using Akka.Hosting;
using Akka.Remote.Hosting;
using AkkaConvergence;
using AkkaConvergence.Hosting;
using AkkaConvergence.Management;

var builder = WebApplication.CreateBuilder(args);
var port = builder.Configuration.GetValue("Node:Port", 4053);
var seeds = builder.Configuration.GetSection("Node:Seeds").Get<string[]>() ?? ["akka.tcp://sample@127.0.0.1:4053"];

builder.Services.AddAkka("sample", akka => akka
    .WithRemoting("127.0.0.1", port)
    .WithConvergenceCluster(new ConvergenceClusterOptions
    {
        SeedNodes = seeds,
        Roles = ["web"],
        Downing = new KeepMajorityOption { StableAfter = TimeSpan.FromSeconds(10) },
    }));
builder.Services.AddHealthChecks().AddConvergenceCluster(tags: ["ready"]);

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapConvergenceManagement(prefix: "/convergence"); // The page at /convergence/, the API under /convergence/cluster.
app.MapGet("/", (ConvergenceCluster cluster) => Results.Text(
    $"{cluster.SelfAddress} is {cluster.SelfMember.Status}; {cluster.State.Members.Count} member(s). The live page: /convergence/ · health: /health"));
app.Run();

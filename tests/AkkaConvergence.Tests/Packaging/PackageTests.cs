using System.Diagnostics;
using System.Globalization;
using AkkaConvergence.Tests.Cli;

namespace AkkaConvergence.Tests.Packaging;

/// <summary>
/// The packages install and work as a user gets them: packed into a folder, the tool installed
/// from it runs the simulator, and a new console app that references the library package from it
/// joins a running node. Uses the binaries this test run built (pack --no-build) and a version
/// of its own, so the NuGet cache never serves an older build under the same version.
/// </summary>
[Collection(nameof(PackageTests))]
public sealed class PackageTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("convergence-packages-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void Packed_packages_install_the_tool_and_a_new_app_joins_a_node_with_the_library_package()
    {
        var version = $"0.9.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var feed = Path.Combine(_work.FullName, "feed");
        Dotnet(RepositoryRoot.Path, "pack", "AkkaConvergence.sln", "--no-build", "--configuration", BuildConfiguration(), "--output", feed, $"-p:PackageVersion={version}");
        var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[] { "AkkaConvergence", "AkkaConvergence.Hosting", "AkkaConvergence.Management", "AkkaConvergence.Simulation", "akka-convergence" }.Select(id => $"{id}.{version}.nupkg").Order(StringComparer.Ordinal),
            packages);

        var tools = Path.Combine(_work.FullName, "tools");
        Dotnet(_work.FullName, "tool", "install", "akka-convergence", "--tool-path", tools, "--add-source", feed, "--version", version);
        var simulated = Run(_work.FullName, Path.Combine(tools, "akka-convergence"), "simulate", "--nodes", "5");
        Assert.Contains("converged", simulated, StringComparison.Ordinal);

        var port = FreePorts.Next();
        using var node = CliProcess.Start("node", "--port", port.ToString(CultureInfo.InvariantCulture), "--seed", $"127.0.0.1:{port}");
        Assert.True(node.WaitForOutput("MemberUp", TimeSpan.FromSeconds(60)), node.Output);
        var app = WriteConsoleApp(feed, version);
        var joined = Dotnet(app, "run", "--", $"akka.tcp://convergence@127.0.0.1:{port}");
        Assert.Contains("joined: 2 members Up", joined, StringComparison.Ordinal);
        Assert.True(node.WaitForOutput("MemberRemoved", TimeSpan.FromSeconds(60)), node.Output); // The app left gracefully on exit.
    }

    private string WriteConsoleApp(string feed, string version)
    {
        var app = Directory.CreateDirectory(Path.Combine(_work.FullName, "app")).FullName;
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AkkaConvergence" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """"
            using Akka.Actor;
            using AkkaConvergence;

            var system = ActorSystem.Create("convergence", """
                akka.actor.provider = remote
                akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
                akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
                """);
            var cluster = ConvergenceCluster.Get(system);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await cluster.JoinSeedNodesAsync([Address.Parse(args[0])], timeout.Token);
            while (cluster.State.Members.Count(m => m.Status == MemberStatus.Up) < 2)
            {
                await Task.Delay(50, timeout.Token);
            }

            Console.WriteLine($"joined: {cluster.State.Members.Count} members Up");
            await system.Terminate(); // Leaves gracefully first.
            """");
        return app;
    }

    private static string Dotnet(string directory, params string[] arguments) => Run(directory, "dotnet", arguments);

    private static string Run(string directory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output.Result}\n{errors.Result}");
        return output.Result;
    }

    /// <summary>Debug or Release: the configuration of this test run's build (bin/&lt;configuration&gt;/net10.0).</summary>
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
}

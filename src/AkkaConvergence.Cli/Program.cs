using System.CommandLine;
using AkkaConvergence.Cli;

var root = new RootCommand("AkkaConvergence: gossip membership for Akka.NET.");
root.Subcommands.Add(LocalCommand.Create(Console.Out, Console.Error));
root.Subcommands.Add(NodeCommand.Create(Console.Out, Console.Error));
root.Subcommands.Add(SimulateCommand.Create(Console.Out, Console.Error));
return await root.Parse(args).InvokeAsync();

using System.CommandLine;
using AkkaConvergence.Cli;

var root = new RootCommand("AkkaConvergence: gossip membership for Akka.NET.");
root.Subcommands.Add(SimulateCommand.Create(Console.Out, Console.Error));
return root.Parse(args).Invoke();

using System.CommandLine;
using AkkaConvergence.Cli;

var root = new RootCommand("AkkaConvergence: gossip membership for Akka.NET.");
root.Subcommands.Add(LocalCommand.Create(Console.Out, Console.Error));
root.Subcommands.Add(NodeCommand.Create(Console.Out, Console.Error));
root.Subcommands.Add(SimulateCommand.Create(Console.Out, Console.Error));
root.Subcommands.Add(KeygenCommand.Create(Console.Out));
foreach (var command in ClusterCommands.Create(Console.Out, Console.Error))
{
    root.Subcommands.Add(command);
}

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // One line per problem on stderr and exit code 2 (1 means a run did not converge).
    foreach (var error in parse.Errors)
    {
        var oneLine = string.Join(' ', error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        await Console.Error.WriteLineAsync($"error: {oneLine} (see --help)");
    }

    return 2;
}

return await parse.InvokeAsync();

using System.Diagnostics;

namespace AkkaConvergence.Tests.Cli;

/// <summary>Runs the built command-line tool as a child process, with a bounded wait.</summary>
internal static class CliProcess
{
    public static (int ExitCode, string Output, string Errors) Run(params string[] arguments)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "akka-convergence.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(tool);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"akka-convergence {string.Join(' ', arguments)} did not finish in 60 s.");
        }

        return (process.ExitCode, output.Result, errors.Result);
    }
}

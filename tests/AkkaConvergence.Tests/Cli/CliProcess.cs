using System.Diagnostics;

namespace AkkaConvergence.Tests.Cli;

/// <summary>Runs the built command-line tool as a child process, with a bounded wait.</summary>
internal static class CliProcess
{
    public static (int ExitCode, string Output, string Errors) Run(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"akka-convergence {string.Join(' ', arguments)} did not finish in 60 s.");
        }

        return (process.ExitCode, output.Result, errors.Result);
    }

    /// <summary>Starts the tool and keeps it running; output is collected as it comes.</summary>
    public static RunningTool Start(params string[] arguments) => new(Process.Start(StartInfo(arguments))!);

    private static ProcessStartInfo StartInfo(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "akka-convergence.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}

/// <summary>A running tool process whose output is collected; disposing kills it if still running.</summary>
internal sealed class RunningTool : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    public RunningTool(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits (bounded) until the output contains <paramref name="text"/>.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (deadline.Elapsed > timeout || _process.HasExited)
            {
                return Output.Contains(text, StringComparison.Ordinal);
            }

            Task.Delay(50).Wait();
        }

        return true;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Writes one line to the tool's standard input (e.g. a fault-injection command).</summary>
    public void WriteLine(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Sends a POSIX signal (KILL, STOP, CONT, TERM) to the process.</summary>
    public void Signal(string signal) =>
        _ = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit(5_000);

    /// <summary>The exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Sends SIGTERM, as a service manager would.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>Waits (bounded) for the exit, then for the redirected output to be drained.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit();
        return true;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

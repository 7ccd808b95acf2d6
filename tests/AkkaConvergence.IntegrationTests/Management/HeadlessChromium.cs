using System.Diagnostics;

namespace AkkaConvergence.IntegrationTests.Management;

/// <summary>
/// Debian's Chromium, headless, as a person's browser: loads a page, lets its scripts run, and
/// returns the rendered DOM or a screenshot. .ci/run installs it; on a machine without it the
/// page tests say so and pass only outside CI (CI=true makes a missing browser a failure).
/// </summary>
internal static class HeadlessChromium
{
    private const string Executable = "/usr/bin/chromium";

    public static bool IsAvailable => File.Exists(Executable);

    /// <summary>True when the page tests must run: the browser is there, or CI requires it (then the run fails loudly).</summary>
    public static bool MustRun => IsAvailable || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The DOM after the page's scripts ran for <paramref name="scriptMillis"/> of virtual time.</summary>
    public static async Task<string> DumpDom(Uri page, int scriptMillis = 3000) =>
        (await Run(page, scriptMillis, "--dump-dom")).Output;

    /// <summary>A PNG of the page as rendered in a 1280x900 window.</summary>
    public static async Task<byte[]> Screenshot(Uri page, string path, int scriptMillis = 3000)
    {
        await Run(page, scriptMillis, $"--screenshot={path}", "--window-size=1280,900", "--hide-scrollbars");
        return await File.ReadAllBytesAsync(path);
    }

    private static async Task<(string Output, string Errors)> Run(Uri page, int scriptMillis, params string[] arguments)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's chromium package (apt-get install chromium), as .ci/run does.");
        }

        var profile = Directory.CreateTempSubdirectory("convergence-chromium-");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--user-data-dir={profile.FullName}", $"--virtual-time-budget={scriptMillis}" }.Concat(arguments).Append(page.ToString()))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Chromium did not finish loading {page} within 60 s.");
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A profile file still held by a crash handler: left in the temp folder, harmless.
            }
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Chromium exited with {process.ExitCode}: {await errors}");
        }

        return (await output, await errors);
    }
}

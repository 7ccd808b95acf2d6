namespace AkkaConvergence.Benchmarks.StateCompare;

/// <summary>
/// Bytes the kernel sent on the loopback interface (<c>/proc/net/dev</c>, lo tx): the same meter
/// for both implementations, TCP/IP headers and acknowledgements included. It counts the whole
/// machine, so a run must have the machine to itself.
/// </summary>
internal static class LoopbackBytes
{
    public static bool Available => File.Exists("/proc/net/dev");

    public static long Sent()
    {
        foreach (var line in File.ReadLines("/proc/net/dev"))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("lo:", StringComparison.Ordinal))
            {
                var fields = trimmed[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(fields[8], System.Globalization.CultureInfo.InvariantCulture); // The ninth field is transmitted bytes.
            }
        }

        throw new InvalidOperationException("/proc/net/dev has no loopback interface.");
    }
}

using System.Globalization;
using System.Text;
using Akka.Configuration;

namespace AkkaConvergence.Hosting;

/// <summary>
/// Turns <see cref="ConvergenceClusterOptions"/> into HOCON under <c>akka.convergence</c>, one line
/// per property that is set, so everything else still comes from the app's HOCON. The values are
/// validated by the extension itself when it starts, with the same errors as hand-written HOCON.
/// </summary>
internal static class ConvergenceHocon
{
    public static Config From(ConvergenceClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var lines = new List<string>();
        Add(lines, "seed-nodes", options.SeedNodes is { } seeds ? List(seeds) : null);
        Add(lines, "roles", options.Roles is { } roles ? List(roles) : null);
        Add(lines, "min-nr-of-members", options.MinNrOfMembers?.ToString(CultureInfo.InvariantCulture));
        foreach (var (role, count) in options.RoleMinNrOfMembers ?? new Dictionary<string, int>())
        {
            Add(lines, $"role.{Quoted(role)}.min-nr-of-members", count.ToString(CultureInfo.InvariantCulture));
        }

        Add(lines, "failure-detector.kind", options.FailureDetector switch
        {
            null => null,
            FailureDetectorKind.Lifeguard => "lifeguard",
            FailureDetectorKind.PhiAccrual => "phi-accrual",
            var other => throw new ArgumentOutOfRangeException(nameof(options), other, "Unknown failure-detector kind."),
        });
        Add(lines, "cluster-label", options.ClusterLabel is { } label ? Quoted(label) : null);
        Add(lines, "authentication.keys", options.AuthenticationKeys is { } keys ? List(keys) : null);
        Add(lines, "gossip-interval", Duration(options.GossipInterval));
        Add(lines, "run-coordinated-shutdown-when-down", options.RunCoordinatedShutdownWhenDown is { } run ? (run ? "on" : "off") : null);
        if (options.Downing is { } downing)
        {
            Add(lines, "downing.strategy", downing.Strategy);
            Add(lines, "downing.role", downing.Role is { } role ? Quoted(role) : null);
            Add(lines, "downing.stable-after", Duration(downing.StableAfter));
            Add(lines, "downing.down-all-when-unstable", Duration(downing.DownAllWhenUnstable));
            lines.AddRange(downing.StrategyHocon().Select(line => $"downing.{line}"));
        }

        var hocon = new StringBuilder("akka.convergence {\n");
        lines.ForEach(line => hocon.Append("  ").Append(line).Append('\n'));
        return ConfigurationFactory.ParseString(hocon.Append("}\n").ToString());
    }

    private static void Add(List<string> lines, string key, string? value)
    {
        if (value is not null)
        {
            lines.Add($"{key} = {value}");
        }
    }

    private static string List(IEnumerable<string> values) => $"[{string.Join(", ", values.Select(Quoted))}]";

    private static string? Duration(TimeSpan? value) =>
        value is { } duration ? $"{(long)duration.TotalMilliseconds}ms" : null;

    /// <summary>A HOCON quoted string: backslashes and quotes escaped, so any text stays one value.</summary>
    private static string Quoted(string value) => $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}

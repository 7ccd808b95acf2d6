using AkkaConvergence.Management;

namespace AkkaConvergence.Cli;

/// <summary>The membership as <c>status</c> prints it, in the manner of <c>pbm cluster show</c>: one line per member, then who cannot reach whom.</summary>
internal static class MembershipTable
{
    public static string Format(ClusterMembersResponse view)
    {
        var lines = new List<string>
        {
            $"Seen by {view.SelfNode} ({view.SelfStatus}); leader {view.Leader ?? "none"}; {(view.Converged ? "converged" : "not converged")}; {view.Members.Count} member(s)",
        };
        string[] header = ["ADDRESS", "STATUS", "ROLES", "UP#", "REACHABLE"];
        var rows = view.Members.Select(m => new[]
        {
            m.Node + (m.Node == view.Leader ? " (leader)" : string.Empty),
            m.Status,
            m.Roles.Count == 0 ? "-" : string.Join(",", m.Roles),
            m.UpNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            m.Reachable ? "yes" : "NO",
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        lines.AddRange(rows.Select(row => string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd()));
        lines.AddRange(view.Unreachable.Select(u => $"unreachable: {u.Node}, observed by {string.Join(", ", u.ObservedBy)}"));
        return string.Join(Environment.NewLine, lines);
    }
}

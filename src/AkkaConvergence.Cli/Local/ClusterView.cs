using Spectre.Console;
using Spectre.Console.Rendering;

namespace AkkaConvergence.Cli.Local;

/// <summary>The live screen: each node's view of the cluster, the measured steps, and recent events.</summary>
internal static class ClusterView
{
    public static IRenderable Render(LocalCluster cluster, IReadOnlyList<StepTiming> steps, EventLog events)
    {
        var nodes = new Table().Border(TableBorder.Rounded).Title("[bold]each node's view[/]");
        nodes.AddColumns("node", "self", "members", "leader", "converged", "unreachable");
        var names = cluster.AllNodes.ToDictionary(n => n.Cluster.SelfUniqueAddress, n => n.Name);
        foreach (var node in cluster.AllNodes)
        {
            if (node.IsDown)
            {
                nodes.AddRow(node.Name, "[grey]stopped[/]", string.Empty, string.Empty, string.Empty, string.Empty);
                continue;
            }

            var state = node.Cluster.State;
            string Name(UniqueAddress u) => names.GetValueOrDefault(u, u.Address.ToString());
            nodes.AddRow(
                node.Name,
                Markup.Escape(node.Cluster.SelfMember.Status.ToString()),
                Markup.Escape(string.Join(" ", state.Members.Select(m => $"{Name(m.UniqueAddress)}:{Short(m.Status)}"))),
                Markup.Escape(state.Leader is { } leader ? cluster.AllNodes.LastOrDefault(n => n.Address.Equals(leader))?.Name ?? leader.ToString() : "-"),
                state.IsConverged ? "[green]yes[/]" : "[yellow]no[/]",
                Markup.Escape(string.Join(" ", state.Unreachable.Select(m => Name(m.UniqueAddress)))));
        }

        var timings = new Table().Border(TableBorder.Rounded).Title("[bold]tour[/]");
        timings.AddColumns("step", "what happened", "time to convergence");
        foreach (var step in steps)
        {
            timings.AddRow(step.Step, Markup.Escape(step.Description), step.Converged ? $"{step.Millis} ms" : "[red]not reached[/]");
        }

        var log = new Panel(new Text(string.Join('\n', events.Latest(8)))).Header("events seen by node-1");
        return new Rows(nodes, timings, log);
    }

    private static string Short(MemberStatus status) => status switch
    {
        MemberStatus.Joining => "Joining",
        MemberStatus.WeaklyUp => "WeaklyUp",
        _ => status.ToString(),
    };
}

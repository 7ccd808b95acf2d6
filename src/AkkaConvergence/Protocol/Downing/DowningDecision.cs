using System.Collections.Immutable;

namespace AkkaConvergence.Protocol.Downing;

/// <summary>What a downing strategy decided, and the nodes that decision downs.</summary>
internal enum DowningDecisionKind
{
    DownUnreachable,
    DownReachable,
    DownAll,
    DownIndirectlyConnected,
}

/// <summary>A downing decision: its kind and the nodes to mark Down.</summary>
internal sealed record DowningDecision(DowningDecisionKind Kind, ImmutableSortedSet<UniqueAddress> NodesToDown)
{
    public static DowningDecision For(DowningDecisionKind kind, DowningView view) => kind switch
    {
        DowningDecisionKind.DownUnreachable => new(kind, view.Unreachable),
        DowningDecisionKind.DownReachable => new(kind, view.Reachable),
        _ => new(kind, view.Members.Select(m => m.UniqueAddress).ToImmutableSortedSet()),
    };
}

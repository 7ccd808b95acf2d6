namespace AkkaConvergence.Protocol.Downing;

/// <summary>
/// The partition-resolving strategies, as pure functions of one node's view. Each answers which
/// side survives; the caller turns that into nodes to down.
/// </summary>
internal static class DowningStrategies
{
    public static DowningDecisionKind Decide(DowningSettings settings, DowningView view) => settings.Strategy switch
    {
        DowningStrategy.KeepMajority => KeepMajority(view),
        DowningStrategy.StaticQuorum => StaticQuorum(view, settings.QuorumSize ?? throw new InvalidOperationException("static-quorum needs a quorum-size.")),
        DowningStrategy.KeepOldest => KeepOldest(view, settings.DownIfAlone),
        _ => DowningDecisionKind.DownAll,
    };

    /// <summary>The side with more counted members survives; on a tie, the side with the lowest address.</summary>
    public static DowningDecisionKind KeepMajority(DowningView view)
    {
        int reachable = view.CountedReachable, unreachable = view.CountedUnreachable;
        if (reachable + unreachable == 0)
        {
            return DowningDecisionKind.DownAll;
        }

        if (reachable != unreachable)
        {
            return reachable > unreachable ? DowningDecisionKind.DownUnreachable : DowningDecisionKind.DownReachable;
        }

        return view.IsReachable(view.Counted.Min!) ? DowningDecisionKind.DownUnreachable : DowningDecisionKind.DownReachable;
    }

    /// <summary>The side with at least the quorum survives; a cluster larger than 2·quorum−1 cannot decide safely and downs all.</summary>
    public static DowningDecisionKind StaticQuorum(DowningView view, int quorumSize)
    {
        if (view.Counted.Count > (2 * quorumSize) - 1)
        {
            return DowningDecisionKind.DownAll;
        }

        return view.CountedReachable >= quorumSize ? DowningDecisionKind.DownUnreachable : DowningDecisionKind.DownReachable;
    }

    /// <summary>
    /// The side with the oldest member survives, unless (with down-if-alone) the oldest is alone
    /// against two or more others: then the others survive.
    /// </summary>
    public static DowningDecisionKind KeepOldest(DowningView view, bool downIfAlone)
    {
        if (view.Counted.IsEmpty)
        {
            return DowningDecisionKind.DownAll;
        }

        var oldest = view.Counted.OrderBy(m => m, Member.AgeOrdering).First();
        int reachable = view.CountedReachable, unreachable = view.CountedUnreachable;
        if (view.IsReachable(oldest))
        {
            return downIfAlone && reachable == 1 && unreachable >= 2 ? DowningDecisionKind.DownReachable : DowningDecisionKind.DownUnreachable;
        }

        return downIfAlone && unreachable == 1 && reachable >= 2 ? DowningDecisionKind.DownUnreachable : DowningDecisionKind.DownReachable;
    }
}

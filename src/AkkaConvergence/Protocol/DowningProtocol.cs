using System.Collections.Immutable;
using AkkaConvergence.Membership;
using AkkaConvergence.Protocol.Downing;

namespace AkkaConvergence.Protocol;

/// <summary>
/// When and what to down: the leader decides once the unreachable set has been stable for
/// stable-after; a node cut off from everyone decides alone, with every other member on the far
/// side, once it has been cut off that long; every node downs everyone when reachability stays
/// unstable far too long. Indirectly connected nodes (unreachable for some, yet reporting others unreachable) are
/// downed with the decision taken over the rest.
/// </summary>
internal static class DowningProtocol
{
    public static void Track(CoreStep step)
    {
        if (!step.State.IsInitialized)
        {
            return;
        }

        var tracker = step.State.Downing;
        var undecided = UndecidedUnreachable(step.Membership);
        var someDecided = tracker.Unreachable.Any(node => !undecided.Contains(node)
            && (!step.Gossip.TryGetMember(node, out var member) || member.Status is MemberStatus.Down or MemberStatus.Exiting));
        step.State = step.State with { Downing = tracker.Observe(undecided, someDecided, step.NowMillis) };
    }

    public static void OnLeaderActionsRound(CoreStep step)
    {
        var settings = step.Settings.Downing;
        if (!step.State.IsInitialized || settings.Strategy == DowningStrategy.Off)
        {
            return;
        }

        if (Probing.IsActive(step) && step.State.Lifeguard.IsCutOff)
        {
            DecideCutOff(step, settings);
            return;
        }

        if (step.State.Downing.Unreachable.IsEmpty)
        {
            return;
        }

        var view = DowningView.Of(step.Membership, settings.Role);
        if (step.State.Downing.IsUnstableTooLong(settings, step.NowMillis))
        {
            Act(step, DowningDecision.For(DowningDecisionKind.DownAll, view), unstableTooLong: true);
            return;
        }

        var responsible = step.Membership.IsLeader && step.SelfMember.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.WeaklyUp;
        if (responsible && step.State.Downing.IsStable(settings, step.NowMillis))
        {
            Act(step, Decide(settings, step.Membership, view), unstableTooLong: false);
        }
    }

    /// <summary>
    /// Nothing has come from anyone while this node's probes failed (see
    /// <see cref="FailureDetection.LifeguardState.IsCutOff"/>): its view of the others is no news from them. It
    /// takes no decision from that view — it counted the members it had not accused yet as its own
    /// side and downed the healthy majority one accusation at a time — but once it has been cut off
    /// for stable-after, it decides as the only member on its side, as Akka's resolver does when
    /// every heartbeat stops: keep-majority and static-quorum down it, keep-oldest keeps it only if
    /// it is the oldest.
    /// </summary>
    private static void DecideCutOff(CoreStep step, DowningSettings settings)
    {
        var self = step.SelfMember;
        var cutOffFor = step.NowMillis - step.State.Lifeguard.CutOffSinceMillis;
        if (cutOffFor < (long)settings.StableAfter.TotalMilliseconds || self.Status is not (MemberStatus.Up or MemberStatus.Leaving or MemberStatus.WeaklyUp))
        {
            return;
        }

        var alone = new DowningView(
            step.Membership.Members,
            [.. step.Membership.Members.Select(m => m.UniqueAddress).Where(n => n != step.Self)],
            settings.Role);
        Act(step, DowningDecision.For(DowningStrategies.Decide(settings, alone), alone), unstableTooLong: false);
    }

    /// <summary>The decision: the <see cref="Culprits"/> of contradicting reachability downed, the strategy applied to the rest.</summary>
    public static DowningDecision Decide(DowningSettings settings, MembershipState membership, DowningView view)
    {
        var culprits = Culprits.In(membership);
        if (culprits.ToDown.IsEmpty)
        {
            return DowningDecision.For(DowningStrategies.Decide(settings, view), view);
        }

        var remaining = new DowningView(view.Members, view.Unreachable.Intersect(culprits.StillUnreachable).Except(culprits.ToDown), settings.Role);
        var rest = remaining.Unreachable.IsEmpty
            ? []
            : DowningDecision.For(DowningStrategies.Decide(settings, remaining), remaining).NodesToDown;
        return new DowningDecision(DowningDecisionKind.DownIndirectlyConnected, rest.Union(culprits.ToDown));
    }

    private static ImmutableSortedSet<UniqueAddress> UndecidedUnreachable(MembershipState membership) =>
        membership.UnreachableMembers
            .Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Exiting))
            .Select(m => m.UniqueAddress)
            .ToImmutableSortedSet();

    private static void Act(CoreStep step, DowningDecision decision, bool unstableTooLong)
    {
        var toDown = decision.NodesToDown
            .Select(step.Gossip.GetMember)
            .Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Removed))
            .OrderBy(m => m.UniqueAddress == step.Self) // Others first, self last.
            .ToList();
        step.State = step.State with { Downing = step.State.Downing.Acted(step.NowMillis) };
        if (toDown.Count == 0)
        {
            return;
        }

        step.Note(new DowningDecided(decision.Kind, step.Settings.Downing.Strategy, unstableTooLong, [.. toDown.Select(m => m.UniqueAddress)]));
        step.ChangeLocally(toDown.Aggregate(step.Gossip, (gossip, member) => gossip.MarkAsDown(gossip.GetMember(member.UniqueAddress))));

        // Tell the downed directly: one that can still hear (a one-way partition, a node that was
        // paused) learns it is Down and shuts down, instead of living on as a zombie nobody gossips to.
        foreach (var member in toDown.Where(m => m.UniqueAddress != step.Self))
        {
            step.SendGossipTo(member.UniqueAddress);
        }
    }
}

using System.Collections.Immutable;

namespace AkkaConvergence.Protocol;

/// <summary>
/// What the leader does: with convergence it moves joiners Up, Leaving members to Exiting and
/// removes Exiting and unreachable Down members; without convergence it may move joiners to
/// WeaklyUp. Planning and applying are separate steps so leader-action hooks can hold a
/// transition back; a held-back member simply stays where it is.
/// </summary>
internal static class LeaderActions
{
    /// <summary>Plans this round's transitions and proposes them (runs each leader-actions round and as soon as anything changed).</summary>
    public static void Propose(CoreStep step)
    {
        if (!step.State.IsInitialized || !step.Gossip.HasMember(step.Self) || !step.Membership.IsLeader)
        {
            return;
        }

        step.LeaderActionsPlanned = true;

        ImmutableList<MemberTransition> transitions;
        if (step.State.IsConverged)
        {
            step.State = step.State with { NotConvergedSinceMillis = null };
            transitions = PlanWithConvergence(step);
        }
        else
        {
            var since = step.State.NotConvergedSinceMillis ?? step.NowMillis;
            step.State = step.State with { NotConvergedSinceMillis = since };
            transitions = step.Settings.AllowWeaklyUpMembers is { } delay && step.NowMillis - since >= (long)delay.TotalMilliseconds
                ? PlanWeaklyUp(step)
                : [];
        }

        if (!transitions.IsEmpty)
        {
            step.Emit(new LeaderTransitionsProposed(transitions, step.Membership, step.State.IsConverged));
        }
    }

    /// <summary>
    /// Applies the approved transitions that still hold: the member is still in the proposed
    /// status and, except for WeaklyUp, the cluster is still converged. Up-numbers continue from
    /// the largest one given so far, in address order.
    /// </summary>
    public static void Apply(CoreStep step, ImmutableList<MemberTransition> approved)
    {
        if (!step.State.IsInitialized || !step.Membership.IsLeader)
        {
            if (!approved.IsEmpty)
            {
                step.Drop(DropReason.Stale, nameof(ApplyLeaderTransitions));
            }

            return;
        }

        var converged = step.State.IsConverged;
        var gossip = step.Gossip;
        var exitingConfirmed = step.State.ExitingConfirmed;
        var upNumber = gossip.Members.Where(m => m.UpNumber != Member.NotYetUp).Select(m => m.UpNumber).DefaultIfEmpty(0).Max();
        var applied = ImmutableList.CreateBuilder<MemberTransition>();
        foreach (var transition in approved.OrderBy(t => t.Member))
        {
            var current = gossip.GetMember(transition.Member.UniqueAddress);
            if (current.Status != transition.From || (transition.To != MemberStatus.WeaklyUp && !converged))
            {
                continue;
            }

            switch (transition.To)
            {
                case MemberStatus.Up:
                    gossip = gossip.Update(current.MovedUp(++upNumber));
                    break;
                case MemberStatus.Removed:
                    gossip = gossip.Remove(current.UniqueAddress, step.WallMillis);
                    exitingConfirmed = exitingConfirmed.Remove(current.UniqueAddress);
                    break;
                default:
                    gossip = gossip.Update(current.WithStatus(transition.To));
                    break;
            }

            applied.Add(transition);
        }

        if (applied.Count == 0)
        {
            return;
        }

        step.State = step.State with { ExitingConfirmed = exitingConfirmed };
        step.ChangeLocally(gossip);
        step.Emit(new LeaderTransitionsApplied(applied.ToImmutable(), step.Membership, step.State.IsConverged));
    }

    /// <summary>Leader only: forgets tombstones older than prune-tombstones-after (a local change, so it spreads; see <see cref="TombstoneAges"/>).</summary>
    public static void PruneTombstones(CoreStep step)
    {
        if (!step.State.IsInitialized || !step.Membership.IsLeader || step.Gossip.Tombstones.IsEmpty)
        {
            return;
        }

        var pruned = step.Gossip.PruneTombstones(TombstoneAges.Expired(step));
        if (!ReferenceEquals(pruned, step.Gossip))
        {
            step.ChangeLocally(pruned);
        }
    }

    private static ImmutableList<MemberTransition> PlanWithConvergence(CoreStep step)
    {
        var gossip = step.Gossip;
        var canMoveUp = IsMinNrOfMembersFulfilled(step);
        var transitions = ImmutableList.CreateBuilder<MemberTransition>();
        foreach (var member in gossip.Members)
        {
            var node = member.UniqueAddress;
            var target = member.Status switch
            {
                MemberStatus.Joining or MemberStatus.WeaklyUp when canMoveUp => MemberStatus.Up,
                MemberStatus.Leaving => MemberStatus.Exiting,
                MemberStatus.Exiting when step.State.ExitingConfirmed.Contains(node) || !gossip.Reachability.IsReachable(node) => MemberStatus.Removed,
                MemberStatus.Down when !gossip.Reachability.IsReachable(node) => MemberStatus.Removed,
                _ => member.Status,
            };
            if (target != member.Status)
            {
                transitions.Add(new MemberTransition(member, member.Status, target));
            }
        }

        return transitions.ToImmutable();
    }

    private static ImmutableList<MemberTransition> PlanWeaklyUp(CoreStep step)
    {
        if (!IsMinNrOfMembersFulfilled(step))
        {
            return [];
        }

        var reachability = step.Membership.ReachabilityExcludingDownedObservers;
        return step.Gossip.Members
            .Where(m => m.Status == MemberStatus.Joining && reachability.IsReachable(m.UniqueAddress))
            .Select(m => new MemberTransition(m, MemberStatus.Joining, MemberStatus.WeaklyUp))
            .ToImmutableList();
    }

    private static bool IsMinNrOfMembersFulfilled(CoreStep step)
    {
        var members = step.Gossip.Members;
        return members.Count >= step.Settings.MinNrOfMembers
               && step.Settings.RoleMinNrOfMembers.All(rule => members.Count(m => m.HasRole(rule.Key)) >= rule.Value);
    }
}

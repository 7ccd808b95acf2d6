namespace AkkaConvergence.Protocol;

/// <summary>How this node reacts to its own status: exiting, being downed, being removed.</summary>
internal static class SelfLifecycle
{
    /// <summary>How many members a node tells as its membership ends, so the news outruns failure detection with loss.</summary>
    public const int ShutdownGossipFanout = 5;

    /// <summary>
    /// Leader-action ticks a Down node waits for the others to see its Down before it shuts down
    /// anyway: seeing it takes a push or two, so after a few seconds waiting longer only keeps a
    /// downed node running.
    /// </summary>
    public const int SelfDownMaxTicks = 4;

    /// <summary>After any change of the gossip: start exit tasks once self is Exiting; end when self is gone.</summary>
    public static void OnGossipChanged(CoreStep step)
    {
        if (!step.State.IsInitialized)
        {
            return;
        }

        var self = step.SelfMember;
        if (self.Status == MemberStatus.Removed && step.Gossip.Tombstones.ContainsKey(step.Self))
        {
            OnSelfRemoved(step, reportedBy: null);
        }
        else if (self.Status == MemberStatus.Exiting && !step.State.ExitingTasksInProgress)
        {
            step.State = step.State with { ExitingTasksInProgress = true };
            step.Emit(new ShutdownRequested(ShutdownReason.Exiting));
        }
    }

    /// <summary>This incarnation was removed (seen in its own gossip, or reported by <paramref name="reportedBy"/>): its membership ends.</summary>
    public static void OnSelfRemoved(CoreStep step, UniqueAddress? reportedBy)
    {
        if (step.State.Phase == CorePhase.Terminated)
        {
            return;
        }

        step.State = step.State with { Phase = CorePhase.Terminated };
        if (reportedBy is not null)
        {
            step.Note(new SelfRemovalReported(reportedBy));
        }

        step.Emit(new ShutdownRequested(ShutdownReason.Removed));
    }

    /// <summary>
    /// On each leader-actions round while self is Down: once every reachable member has seen the
    /// Down (or after a few ticks anyway), tell a few members and shut down.
    /// </summary>
    public static void OnLeaderActionsRoundWhileDown(CoreStep step)
    {
        if (!step.State.IsInitialized || step.SelfMember.Status != MemberStatus.Down)
        {
            return;
        }

        var ticks = step.State.SelfDownTicks + 1;
        step.State = step.State with { SelfDownTicks = ticks };
        var reachability = step.Membership.ReachabilityExcludingDownedObservers;
        var othersSawIt = step.Gossip.Members.All(m =>
            m.UniqueAddress == step.Self || m.Status == MemberStatus.Down || step.Gossip.HasSeen(m.UniqueAddress)
            || !reachability.IsReachable(m.UniqueAddress));
        if (othersSawIt || ticks >= SelfDownMaxTicks)
        {
            Dissemination.GossipToRandom(step, ShutdownGossipFanout);
            step.State = step.State with { Phase = CorePhase.Terminated };
            step.Emit(new ShutdownRequested(ShutdownReason.Downed));
        }
    }

    /// <summary>
    /// The exit tasks are done: mark the current version seen, tell a few members, confirm the
    /// exit to the leader and the next leader candidate, and end.
    /// </summary>
    public static void OnExitingCompleted(CoreStep step)
    {
        if (!step.State.IsInitialized)
        {
            return;
        }

        step.SetGossip(step.Gossip.MarkSeen(step.Self));
        Dissemination.GossipToRandom(step, ShutdownGossipFanout);
        var others = step.Gossip.Members.Where(m => m.UniqueAddress != step.Self).ToList();
        var leader = step.Membership.LeaderOf(others);
        var nextCandidate = step.Membership.LeaderOf(others.Where(m => m.UniqueAddress != leader));
        foreach (var node in new[] { leader, nextCandidate }.OfType<UniqueAddress>())
        {
            step.Send(node.Address, new ExitingConfirmed(step.Self));
        }

        step.State = step.State with { Phase = CorePhase.Terminated };
        step.Emit(new ShutdownRequested(ShutdownReason.Removed));
    }
}

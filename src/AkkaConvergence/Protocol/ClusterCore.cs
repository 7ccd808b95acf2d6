namespace AkkaConvergence.Protocol;

/// <summary>
/// One node's membership protocol as a pure function: <c>(state, input, now, random) →
/// (state', effects)</c>. No actors, no clock, no ambient randomness, no logging: the shell (or the
/// simulator) feeds inputs through a <see cref="CoreDriver"/> and carries out the effects.
/// </summary>
internal static class ClusterCore
{
    public static CoreResult Step(CoreState state, ICoreInput input, CoreTime now, Random random)
    {
        var step = new CoreStep(state, now, random, isWakeUp: input is WakeUp);
        if (state.Phase == CorePhase.Terminated)
        {
            step.Drop(DropReason.Terminated, input);
            return step.Finish();
        }

        if (MessageSenders.Of(input) is { } sender)
        {
            Suspecting.HeardFrom(step, sender);
        }

        Dispatch(step, input);
        AfterInput(step, input);
        return step.Finish();
    }

    private static void Dispatch(CoreStep step, ICoreInput input)
    {
        switch (input)
        {
            case GossipEnvelope envelope: GossipReceiver.OnGossip(step, envelope); break;
            case GossipDeltaEnvelope delta: GossipReceiver.OnDelta(step, delta); break;
            case GossipStatus status: GossipReceiver.OnStatus(step, status); break;
            case VersionFingerprint fingerprint: GossipReceiver.OnFingerprint(step, fingerprint); break;
            case Heartbeat heartbeat: Heartbeating.OnHeartbeat(step, heartbeat); break;
            case HeartbeatResponse response: Heartbeating.OnResponse(step, response); break;
            case Ping ping: Probing.OnPing(step, ping); break;
            case PingRequest request: Probing.OnPingRequest(step, request); break;
            case ProbeReply reply: Probing.OnProbeReply(step, reply); break;
            case Suspect suspect: Suspecting.OnSuspect(step, suspect); break;
            case Refute refute: Suspecting.OnRefute(step, refute); break;
            case StateDelta delta: StateGossip.OnDelta(step, delta); break;
            case StateDigest digest: StateGossip.OnDigest(step, digest); break;
            case SetStateCommand set: StateGossip.OnSetState(step, set); break;
            case DeleteStateCommand delete: StateGossip.OnDeleteState(step, delete); break;
            case TransportFailure failure: Probing.OnTransportFailure(step, failure.Address); break;
            case WakeUp:
                JoinProtocol.OnWakeUp(step);
                PeriodicRounds.OnWakeUp(step);
                Heartbeating.OnWakeUp(step);
                Probing.OnWakeUp(step, step.WakeUpLatenessMillis);
                Suspecting.OnWakeUp(step);
                StateGossip.OnWakeUp(step, input);
                break;
            case Started:
                PeriodicRounds.OnStarted(step);
                Heartbeating.OnStarted(step);
                Probing.OnStarted(step);
                break;
            case ApplyLeaderTransitions apply: LeaderActions.Apply(step, apply.Approved); break;
            case JoinCommand join: JoinProtocol.OnJoinCommand(step, join.Address); break;
            case JoinSeedNodesCommand seeds: JoinProtocol.OnJoinSeedNodes(step, seeds.SeedNodes); break;
            case InitJoin initJoin: JoinProtocol.OnInitJoin(step, initJoin); break;
            case InitJoinAck ack: JoinProtocol.OnInitJoinAck(step, ack); break;
            case InitJoinNack nack: JoinProtocol.OnInitJoinNack(step, nack); break;
            case Join join: JoinProtocol.OnJoin(step, join); break;
            case Welcome welcome: JoinProtocol.OnWelcome(step, welcome); break;
            case JoinRefused refused: JoinProtocol.OnJoinRefused(step, refused); break;
            case LeaveCommand leave: MembershipCommands.OnLeave(step, leave.Address); break;
            case DownCommand down: MembershipCommands.OnDown(step, down.Address); break;
            case ExitingConfirmed confirmed: MembershipCommands.OnExitingConfirmed(step, confirmed); break;
            case ExitingCompleted: SelfLifecycle.OnExitingCompleted(step); break;
            default: step.Drop(DropReason.Stale, input); break;
        }
    }

    /// <summary>
    /// Event-driven follow-ups of any change: leader actions as soon as they are possible (not on
    /// the next round), the push of a new version, the monitored set, and downing stability
    /// tracking. Not after applying leader transitions, so that held-back transitions are offered
    /// again only in a later round.
    /// </summary>
    private static void AfterInput(CoreStep step, ICoreInput input)
    {
        if (step.MembershipChanged)
        {
            SelfLifecycle.OnGossipChanged(step);
        }

        if ((step.MembershipChanged || step.ExitingConfirmedChanged) && !step.LeaderActionsPlanned && input is not ApplyLeaderTransitions)
        {
            LeaderActions.Propose(step);
        }

        Dissemination.SpreadNewVersion(step);
        Dissemination.SpreadSeenByAll(step);
        if (step.MembershipChanged)
        {
            StateGossip.FollowMembership(step);
            Heartbeating.FollowRing(step);
            Probing.FollowRing(step);
            DowningProtocol.Track(step);
            TombstoneAges.Notice(step);
        }

        StateGossip.PushIfDue(step);
    }
}

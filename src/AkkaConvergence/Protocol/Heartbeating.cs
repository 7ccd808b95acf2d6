using System.Collections.Immutable;
using AkkaConvergence.FailureDetection;

namespace AkkaConvergence.Protocol;

/// <summary>
/// The heartbeat failure detector as protocol (Akka's scheme, in the core so the simulator runs it
/// too): each round this node sends a <see cref="Heartbeat"/> to the members it monitors on the
/// <see cref="HeartbeatRing"/>; their answers feed a <see cref="PhiAccrualDetector"/> per member;
/// each reaper interval the detectors' verdicts become this node's reachability rows.
/// </summary>
internal static class Heartbeating
{
    public static bool IsActive(CoreStep step) => step.Settings.FailureDetector.Kind == FailureDetectorKind.PhiAccrual;

    public static void OnStarted(CoreStep step)
    {
        if (!IsActive(step))
        {
            return;
        }

        var settings = step.Settings;
        var reapDelay = Math.Max(settings.PeriodicTasksInitialDelay.TotalMilliseconds, settings.UnreachableNodesReaperInterval.TotalMilliseconds);
        step.State = step.State with
        {
            Heartbeats = step.State.Heartbeats with
            {
                HeartbeatAtMillis = step.NowMillis + PeriodicRounds.Phase(step, settings.FailureDetector.HeartbeatInterval),
                ReapAtMillis = step.NowMillis + (long)reapDelay + PeriodicRounds.Phase(step, settings.UnreachableNodesReaperInterval),
            },
        };
        FollowRing(step);
    }

    /// <summary>A heartbeat round, overdue first answers and a reap, each when due.</summary>
    public static void OnWakeUp(CoreStep step)
    {
        if (!IsActive(step))
        {
            return;
        }

        if (step.NowMillis >= step.State.Heartbeats.HeartbeatAtMillis)
        {
            SendRound(step);
        }

        StartDetectorsWithoutFirstAnswer(step);
        if (step.NowMillis >= step.State.Heartbeats.ReapAtMillis)
        {
            var interval = (long)step.Settings.UnreachableNodesReaperInterval.TotalMilliseconds;
            var heartbeats = step.State.Heartbeats;
            step.State = step.State with { Heartbeats = heartbeats with { ReapAtMillis = CoreSchedule.NextAfter(heartbeats.ReapAtMillis, step.NowMillis, interval) } };
            ReachabilityReaper.Reap(step);
        }
    }

    /// <summary>Every heartbeat is answered at once, whoever sends it (Akka does the same): it only says this process runs.</summary>
    public static void OnHeartbeat(CoreStep step, Heartbeat heartbeat) =>
        step.Send(heartbeat.From, new HeartbeatResponse(step.Self, heartbeat.SequenceNr, heartbeat.CreationTimeMillis));

    /// <summary>Only answers from monitored incarnations feed their detectors; others are stale (the ring moved on).</summary>
    public static void OnResponse(CoreStep step, HeartbeatResponse response)
    {
        var heartbeats = step.State.Heartbeats;
        if (!heartbeats.Monitored.TryGetValue(response.From, out var peer))
        {
            step.Drop(DropReason.Stale, response, response.From);
            return;
        }

        var settings = step.Settings.FailureDetector;
        var detector = peer.Detector?.Heartbeat(step.NowMillis, settings) ?? PhiAccrualDetector.FirstHeartbeat(step.NowMillis, settings);
        step.State = step.State with { Heartbeats = heartbeats with { Monitored = heartbeats.Monitored.SetItem(response.From, new MonitoredPeer(detector, null)) } };
    }

    /// <summary>After the view changed: the monitored set follows the ring (new members start with a fresh detector).</summary>
    public static void FollowRing(CoreStep step)
    {
        if (!IsActive(step) || !step.State.IsInitialized)
        {
            return;
        }

        var heartbeats = step.State.Heartbeats;
        var receivers = HeartbeatRing.ReceiversOf(step.Self, step.Gossip, step.Settings.FailureDetector.MonitoredByNrOfMembers);
        if (receivers.Length == heartbeats.Monitored.Count && receivers.All(heartbeats.Monitored.ContainsKey))
        {
            return;
        }

        var monitored = receivers.ToImmutableSortedDictionary(node => node, node => heartbeats.Monitored.GetValueOrDefault(node) ?? MonitoredPeer.New);
        step.State = step.State with { Heartbeats = heartbeats with { Monitored = monitored } };
    }

    private static void SendRound(CoreStep step)
    {
        var heartbeats = step.State.Heartbeats;
        var interval = (long)step.Settings.FailureDetector.HeartbeatInterval.TotalMilliseconds;
        var late = step.NowMillis - heartbeats.HeartbeatAtMillis;
        if (late >= interval)
        {
            step.Note(new TimerDelayed("heartbeat", late, interval));
        }

        var next = CoreSchedule.NextAfter(heartbeats.HeartbeatAtMillis, step.NowMillis, interval);
        if (!step.State.IsInitialized || heartbeats.Monitored.IsEmpty)
        {
            step.State = step.State with { Heartbeats = heartbeats with { HeartbeatAtMillis = next } };
            return;
        }

        var sequenceNr = heartbeats.SequenceNr + 1;
        var firstAnswerDue = step.NowMillis + (long)step.Settings.FailureDetector.ExpectedResponseAfter.TotalMilliseconds;
        var monitored = heartbeats.Monitored;
        foreach (var (node, peer) in heartbeats.Monitored)
        {
            step.Send(node.Address, new Heartbeat(step.Self.Address, sequenceNr, step.NowMillis));
            if (peer is { Detector: null, FirstAnswerDueAtMillis: null })
            {
                monitored = monitored.SetItem(node, peer with { FirstAnswerDueAtMillis = firstAnswerDue });
            }
        }

        step.State = step.State with { Heartbeats = heartbeats with { Monitored = monitored, SequenceNr = sequenceNr, HeartbeatAtMillis = next } };
    }

    /// <summary>No first answer within expected-response-after: the detector starts anyway, so a member that never answers is detected.</summary>
    private static void StartDetectorsWithoutFirstAnswer(CoreStep step)
    {
        var heartbeats = step.State.Heartbeats;
        var monitored = heartbeats.Monitored;
        foreach (var (node, peer) in heartbeats.Monitored)
        {
            if (peer is { Detector: null, FirstAnswerDueAtMillis: { } due } && step.NowMillis >= due)
            {
                monitored = monitored.SetItem(node, new MonitoredPeer(PhiAccrualDetector.FirstHeartbeat(step.NowMillis, step.Settings.FailureDetector), null));
            }
        }

        if (!ReferenceEquals(monitored, heartbeats.Monitored))
        {
            step.State = step.State with { Heartbeats = heartbeats with { Monitored = monitored } };
        }
    }
}

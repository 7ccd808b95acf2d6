using System.Collections.Immutable;

namespace AkkaConvergence.FailureDetection;

/// <summary>The heartbeat failure detector of one node: whom it monitors, what it knows of each, and its schedule.</summary>
/// <param name="Monitored">The members this node heartbeats, by incarnation.</param>
/// <param name="SequenceNr">The number of the last heartbeat round.</param>
/// <param name="HeartbeatAtMillis">When the next heartbeat round is due (monotonic).</param>
/// <param name="ReapAtMillis">When the detectors' verdicts next become reachability changes (monotonic).</param>
internal sealed record HeartbeatState(
    ImmutableSortedDictionary<UniqueAddress, MonitoredPeer> Monitored,
    long SequenceNr,
    long HeartbeatAtMillis,
    long ReapAtMillis)
{
    public static HeartbeatState NotStarted { get; } = new(ImmutableSortedDictionary<UniqueAddress, MonitoredPeer>.Empty, 0, long.MaxValue, long.MaxValue);

    /// <summary>The earliest deadline: the next round, the next reap, or a first answer that is due.</summary>
    public long NextDueAtMillis()
    {
        var next = Math.Min(HeartbeatAtMillis, ReapAtMillis);
        foreach (var peer in Monitored.Values)
        {
            if (peer is { Detector: null, FirstAnswerDueAtMillis: { } due } && due < next)
            {
                next = due;
            }
        }

        return next;
    }
}

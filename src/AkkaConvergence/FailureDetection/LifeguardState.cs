using System.Collections.Immutable;

namespace AkkaConvergence.FailureDetection;

/// <summary>The Lifeguard failure detector of one node.</summary>
/// <param name="Targets">The members it watches (its ring) and those it checks for others, by incarnation.</param>
/// <param name="ProbeOrder">The monitored members in this pass's shuffled order (memberlist's round robin).</param>
/// <param name="ProbeIndex">The next position in <see cref="ProbeOrder"/>.</param>
/// <param name="NextProbeAtMillis">When the next probe round is due (monotonic).</param>
/// <param name="Probes">This node's probes in flight, by sequence number.</param>
/// <param name="Relays">Probes it makes for others, by its own sequence number.</param>
/// <param name="Health">Its local health.</param>
/// <param name="SequenceNr">The last probe sequence number used.</param>
/// <param name="SuspicionNr">The last suspicion number used.</param>
/// <param name="LastHeardFromAnyoneMillis">When this node last received anything from any other node.</param>
/// <param name="FailedWhileSilent">Members whose probes, sent since then, failed on every path.</param>
/// <param name="CutOffSinceMillis">When <see cref="IsCutOff"/> last became true.</param>
/// <param name="AccusedWhileCutOff">Members this node accused while it was cut off.</param>
internal sealed record LifeguardState(
    ImmutableSortedDictionary<UniqueAddress, ProbeTarget> Targets,
    ImmutableArray<UniqueAddress> ProbeOrder,
    int ProbeIndex,
    long NextProbeAtMillis,
    ImmutableSortedDictionary<long, Probe> Probes,
    ImmutableSortedDictionary<long, Relay> Relays,
    Awareness Health,
    long SequenceNr,
    long SuspicionNr,
    long LastHeardFromAnyoneMillis,
    ImmutableSortedSet<UniqueAddress> FailedWhileSilent,
    long CutOffSinceMillis,
    ImmutableSortedSet<UniqueAddress> AccusedWhileCutOff)
{
    public static LifeguardState NotStarted { get; } = new(
        ImmutableSortedDictionary<UniqueAddress, ProbeTarget>.Empty,
        [],
        0,
        long.MaxValue,
        ImmutableSortedDictionary<long, Probe>.Empty,
        ImmutableSortedDictionary<long, Relay>.Empty,
        new Awareness(0, 1),
        0,
        0,
        0,
        [],
        0,
        []);

    /// <summary>
    /// This node is cut off: probes of two different members failed on every path (direct and
    /// through helpers) and nothing at all came from anyone since the first of them went out. Not
    /// a slow node (that still hears others, late) but one whose network is gone, or the last
    /// survivor: its own probes are all the evidence there will be.
    /// </summary>
    public bool IsCutOff => FailedWhileSilent.Count >= 2;

    /// <summary>The earliest deadline: a probe round, a probe's or a relay's timeout, or a suspicion that falls due.</summary>
    public long NextDueAtMillis(FailureDetectorSettings detector)
    {
        var next = NextProbeAtMillis;
        foreach (var probe in Probes.Values)
        {
            next = Math.Min(next, probe.NextDueAtMillis);
        }

        foreach (var relay in Relays.Values)
        {
            next = Math.Min(next, relay.DueAtMillis);
        }

        foreach (var target in Targets.Values)
        {
            if (target.Suspicion is { Deferred: false } suspicion)
            {
                next = Math.Min(next, suspicion.DueAtMillis(detector));
            }
        }

        return next;
    }

    public bool IsProbing(UniqueAddress target) => Probes.Values.Any(p => p.Target == target);
}

using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Protocol.Downing;

namespace AkkaConvergence.Protocol;

/// <summary>
/// Something that happened which an operator would want to read in the log, as typed data: the
/// shell words and levels it, tests assert on its fields.
/// </summary>
internal abstract record CoreFact : ICoreEffect
{
    public ICoreInput? ApplyTo(ICoreShell shell)
    {
        shell.OnFact(this);
        return null;
    }
}

/// <summary>This node formed a new cluster of its own.</summary>
internal sealed record FormedNewCluster(UniqueAddress Self) : CoreFact;

/// <summary>This node admitted <paramref name="Joiner"/> as Joining.</summary>
internal sealed record JoinAdmitted(UniqueAddress Joiner, ImmutableSortedSet<string> Roles) : CoreFact;

/// <summary>No Welcome came from <paramref name="Contact"/> in time: the join starts over.</summary>
internal sealed record JoinRetried(Address Contact) : CoreFact;

/// <summary>
/// <paramref name="By"/> refused this node's join because their settings conflict
/// (<paramref name="Conflicts"/>, worded by the refusing node); this incarnation's membership ends before it began.
/// </summary>
internal sealed record JoinRefusedByCluster(UniqueAddress By, ImmutableList<string> Conflicts) : CoreFact;

/// <summary><paramref name="Joiner"/>'s settings conflict with this node's, but enforce-on-join is off: admitted anyway.</summary>
internal sealed record IncompatibleJoinerAdmitted(UniqueAddress Joiner, ImmutableList<string> Conflicts) : CoreFact;

/// <summary>This node was welcomed into the cluster by <paramref name="By"/>.</summary>
internal sealed record Welcomed(UniqueAddress By) : CoreFact;

/// <summary><paramref name="Joiner"/> restarted on the address of <paramref name="Previous"/>, which was removed in the same step.</summary>
internal sealed record IncarnationReplaced(UniqueAddress Joiner, UniqueAddress Previous) : CoreFact;

/// <summary>This node's failure detector marked <paramref name="Member"/> unreachable.</summary>
internal sealed record MarkedUnreachable(Member Member) : CoreFact;

/// <summary>This node's failure detector has evidence that <paramref name="Member"/> is reachable again.</summary>
internal sealed record MarkedReachable(Member Member) : CoreFact;

/// <summary>The downing strategy (or down-all-when-unstable) decided to down these nodes.</summary>
/// <param name="Kind">What was decided.</param>
/// <param name="Strategy">The configured strategy.</param>
/// <param name="UnstableTooLong">True when reachability stayed unstable too long (down-all-when-unstable), false for a decision after stable-after.</param>
/// <param name="Downed">The nodes marked Down, self last.</param>
internal sealed record DowningDecided(DowningDecisionKind Kind, DowningStrategy Strategy, bool UnstableTooLong, ImmutableList<UniqueAddress> Downed) : CoreFact;

/// <summary>
/// A periodic task ran late by <paramref name="LateMillis"/> (interval <paramref name="IntervalMillis"/>):
/// this node itself is starved (thread pool, CPU, GC), which can cause false unreachability.
/// </summary>
internal sealed record TimerDelayed(string Task, long LateMillis, long IntervalMillis) : CoreFact;

/// <summary><paramref name="By"/> reports that this incarnation was removed; its membership ends.</summary>
internal sealed record SelfRemovalReported(UniqueAddress By) : CoreFact;

/// <summary>This node's probes could not reach <paramref name="Member"/> by any path: it suspects it (not an accusation yet).</summary>
internal sealed record MemberSuspected(Member Member) : CoreFact;

/// <summary>A suspicion of <paramref name="Member"/> ended: it answered, refuted or was heard from.</summary>
internal sealed record SuspicionCleared(Member Member) : CoreFact;

/// <summary><paramref name="Accuser"/> suspected this node, and it refuted.</summary>
internal sealed record SuspicionRefuted(UniqueAddress Accuser) : CoreFact;

/// <summary>
/// A delta from <paramref name="From"/> did not fit this node's version (it held another one than
/// the sender thought): answered with a request for the gossip, or, when this node already holds
/// the delta's target (<paramref name="HeldTarget"/>), with a reply that it has seen it.
/// </summary>
internal sealed record DeltaBasisMissed(UniqueAddress From, bool HeldTarget) : CoreFact;

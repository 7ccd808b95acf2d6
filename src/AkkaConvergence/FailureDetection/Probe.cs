using System.Collections.Immutable;

namespace AkkaConvergence.FailureDetection;

/// <summary>One probe of a member in flight: the direct ping, then (without an ack in time) the indirect ones.</summary>
/// <param name="Target">The member probed.</param>
/// <param name="SentAtMillis">When the direct ping went out.</param>
/// <param name="AckDueAtMillis">When the direct ack is due; after it, helpers are asked.</param>
/// <param name="IndirectDueAtMillis">When the indirect acks are due (null until helpers are asked); after it the probe failed.</param>
/// <param name="Helpers">The helpers asked (a nack is expected from each).</param>
/// <param name="NackedBy">The helpers that answered they could not reach the target either.</param>
/// <param name="TransportEvidence">Started because the transport lost or refused the target's connection.</param>
/// <param name="AskedBy">Observers whose suspicion this probe checks; they are told if the target answers.</param>
internal sealed record Probe(
    UniqueAddress Target,
    long SentAtMillis,
    long AckDueAtMillis,
    long? IndirectDueAtMillis,
    ImmutableArray<UniqueAddress> Helpers,
    ImmutableHashSet<UniqueAddress> NackedBy,
    bool TransportEvidence,
    ImmutableList<(UniqueAddress Accuser, long Number)> AskedBy)
{
    public long NextDueAtMillis => IndirectDueAtMillis ?? AckDueAtMillis;
}

/// <summary>A probe this node makes for another (a ping request): the ack, or a nack, goes back to the requester.</summary>
/// <param name="Requester">Who asked.</param>
/// <param name="RequesterSequenceNr">The requester's number for its probe.</param>
/// <param name="Target">The member to reach.</param>
/// <param name="DueAtMillis">When this node gives up and sends the nack.</param>
internal sealed record Relay(UniqueAddress Requester, long RequesterSequenceNr, UniqueAddress Target, long DueAtMillis);

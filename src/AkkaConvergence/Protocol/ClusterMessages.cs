using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol;

/// <summary>A message one node's core sends to another node's core; the convergence serializer is bound to this interface (see Wire/WireCodecs).</summary>
internal interface IClusterMessage : ICoreInput
{
}

/// <summary>Asks a seed node whether it is part of a running cluster (seed-node handshake).</summary>
internal sealed record InitJoin(Address From) : IClusterMessage;

/// <summary>A seed node is part of a running cluster and can be joined.</summary>
internal sealed record InitJoinAck(Address From) : IClusterMessage;

/// <summary>A seed node is not (yet) part of a cluster, or cannot take joiners.</summary>
internal sealed record InitJoinNack(Address From) : IClusterMessage;

/// <summary>A node asks to join; sent to the contact node, with the settings the cluster must share.</summary>
internal sealed record Join(UniqueAddress Node, ImmutableSortedSet<string> Roles, JoinCompatibility Compatibility) : IClusterMessage;

/// <summary>The contact will not admit the joiner: their settings conflict (each worded "key: joiner X, cluster Y").</summary>
internal sealed record JoinRefused(UniqueAddress From, ImmutableList<string> Conflicts) : IClusterMessage;

/// <summary>The contact admitted the joiner; carries the gossip that includes it.</summary>
internal sealed record Welcome(UniqueAddress From, Gossip Gossip) : IClusterMessage;

/// <summary>A full gossip addressed to exactly one incarnation.</summary>
internal sealed record GossipEnvelope(UniqueAddress From, UniqueAddress To, Gossip Gossip) : IClusterMessage;

/// <summary>
/// A gossip addressed to exactly one incarnation, as the <see cref="GossipDelta"/> from a version
/// the sender knows or believes it holds. A receiver that holds that version applies it and goes
/// on as with the whole <see cref="GossipEnvelope"/>; one that does not asks for the gossip.
/// </summary>
internal sealed record GossipDeltaEnvelope(UniqueAddress From, UniqueAddress To, GossipDelta Delta) : IClusterMessage;

/// <summary>Why a <see cref="GossipStatus"/> was sent, which decides how it may be answered.</summary>
internal enum GossipStatusKind : byte
{
    /// <summary>A periodic round to a node that has seen our version: may be answered with a digest or a gossip.</summary>
    Periodic,

    /// <summary>Tells the sender of a gossip or status which nodes we know have seen the version; only merged, never answered.</summary>
    Reply,

    /// <summary>The answer to a periodic status of a version the receiver does not hold: asks for the sender's gossip (answered as a delta from the requester's version when the sender keeps it).</summary>
    Request,

    /// <summary>To the leader, when a node first sees a version: only merged, never answered.</summary>
    Acknowledgement,
}

/// <summary>
/// A version digest: the fingerprint of the sender's clock (<see cref="GossipFingerprint.OfVersion"/>)
/// and who it knows has seen that version, as a <see cref="SeenDigest"/> (at most
/// <see cref="SeenDigest.WindowWords"/> words of it). Sent instead of a full gossip to a node that
/// has already seen the version, as the answer that tells a gossip's sender we have seen it, and
/// as an acknowledgement to the leader so it learns of convergence in one hop. It also carries the
/// summary of the sender's key/value state (<see cref="KeyValue.StateStore.Summary"/>): the
/// periodic round is the key/value anti-entropy too, at 8 bytes, without a message of its own.
/// </summary>
/// <remarks>
/// The clock itself does not travel: it grows with the cluster's history (an entry for every node
/// that ever accused, downed or admitted someone, 25 bytes each), and a digest must stay small at
/// any history (issue #12: at most 1 KB). A receiver tells the order from its own versions: the
/// same fingerprint is the same version, one of its recent versions means the sender is behind
/// (it is sent the delta from there), anything else is settled by asking for the sender's gossip,
/// whose clock <see cref="GossipReceiver.OnGossip"/> compares (Scuttlebutt's "compare a global
/// version first, reconcile precisely only when it differs").
/// </remarks>
internal sealed record GossipStatus(UniqueAddress From, UniqueAddress To, ulong Version, SeenDigest Seen, GossipStatusKind Kind, ulong StateSummary = 0) : IClusterMessage;

/// <summary>
/// The periodic round between nodes that have both seen the sender's version: only the
/// <see cref="GossipFingerprint"/> of the sender's version and seen-set, and its key/value
/// summary (16 bytes besides the two addresses, at any cluster size and after any history). A
/// receiver whose own fingerprint differs answers with a full periodic <see cref="GossipStatus"/>,
/// and the exchange goes on from there as before.
/// </summary>
internal sealed record VersionFingerprint(UniqueAddress From, UniqueAddress To, ulong Fingerprint, ulong StateSummary) : IClusterMessage;

/// <summary>An exiting node has run its exit tasks; the leader may remove it without waiting to hear from it.</summary>
internal sealed record ExitingConfirmed(UniqueAddress Node) : IClusterMessage;

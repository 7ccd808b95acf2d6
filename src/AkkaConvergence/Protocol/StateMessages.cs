using System.Collections.Immutable;
using AkkaConvergence.KeyValue;

namespace AkkaConvergence.Protocol;

/// <summary>What a node holds of one owner's state: the owner and its watermark there.</summary>
internal readonly record struct OwnerWatermark(UniqueAddress Owner, long Watermark);

/// <summary>Writes of one or more owners for one peer, bounded in size (see <see cref="DeltaBuilder"/>).</summary>
internal sealed record StateDelta(UniqueAddress From, UniqueAddress To, ImmutableArray<OwnerDelta> Owners) : IClusterMessage;

/// <summary>Why a <see cref="StateDigest"/> was sent, which decides how it is answered.</summary>
internal enum StateDigestKind : byte
{
    /// <summary>The sender's watermarks for a window of owners (all of them when complete): answered with deltas where the receiver is ahead and a request where it is behind.</summary>
    Window,

    /// <summary>The sender's watermarks for owners it is behind on: answered with deltas only.</summary>
    Request,

    /// <summary>The watermarks after taking a delta: never answered.</summary>
    Acknowledgement,

    /// <summary>
    /// As <see cref="Acknowledgement"/>, for a delta that brought nothing new: the pusher has been
    /// telling members that already knew, a sign that the write has spread (Demers et al.'s
    /// feedback), so it stops pushing early.
    /// </summary>
    AlreadyHeld,
}

/// <summary>
/// What the sender holds (Scuttlebutt's digest of owner → version). A window lists at most <see cref="StateGossip.DigestWindowOwners"/> owners, in owner order; when
/// it is not complete it speaks only for the owners between its first and last, so a digest stays
/// bounded at any cluster size (chitchat's overflowed above ~500 nodes, quickwit #6653).
/// </summary>
internal sealed record StateDigest(UniqueAddress From, UniqueAddress To, StateDigestKind Kind, bool Complete, ImmutableArray<OwnerWatermark> Holdings) : IClusterMessage;

/// <summary>
/// This node writes <paramref name="Value"/> under <paramref name="Key"/> in its own state; with
/// <paramref name="TimeToLiveMillis"/>, this node deletes the key itself that long after the write
/// unless it is written again first (expiry by the owner's clock only, so nodes' clocks never disagree).
/// </summary>
internal sealed record SetStateCommand(string Key, StateValue Value, long? TimeToLiveMillis = null) : ICoreInput;

/// <summary>This node deletes <paramref name="Key"/> from its own state.</summary>
internal sealed record DeleteStateCommand(string Key) : ICoreInput;

using System.Collections.Immutable;
using AkkaConvergence.KeyValue;

namespace AkkaConvergence.Protocol;

/// <summary>The key/value side of one node's core, apart from membership: it never touches the membership clock or seen-set.</summary>
/// <param name="Store">Every member's entries as this node holds them.</param>
/// <param name="Knowledge">What recent peers are known to hold.</param>
/// <param name="Hot">
/// Owners with writes this node has not finished pushing, each with the watermark it held before
/// them (a peer whose holdings are unknown is sent the writes after that, not everything) and the
/// push rounds left for it: an owner cools after its rounds, whatever others keep writing.
/// </param>
/// <param name="NextPushAtMillis">When the next push round runs, if any.</param>
/// <param name="DigestCursor">Where the next digest window starts (in owner order).</param>
/// <param name="NextPurgeAtMillis">When the earliest held tombstone expires, if any.</param>
/// <param name="PushesAlreadyHeld">Pushes of the current hot period that peers answered as already held.</param>
/// <param name="OwnExpiries">This node's own keys written with a time-to-live, and when this node deletes each.</param>
/// <param name="LastPushAtMillis">When the last push round ran, if ever.</param>
/// <param name="PushGapMillis">The least time between push rounds now: it grows while rounds follow each other closely.</param>
internal sealed record KeyValueState(
    StateStore Store,
    PeerKnowledge Knowledge,
    ImmutableDictionary<UniqueAddress, HotOwner> Hot,
    long? NextPushAtMillis,
    int DigestCursor,
    long? NextPurgeAtMillis,
    int PushesAlreadyHeld,
    ImmutableDictionary<string, long> OwnExpiries,
    long? LastPushAtMillis,
    long PushGapMillis)
{
    public static KeyValueState Initial { get; } =
        new(StateStore.Empty, PeerKnowledge.Empty, ImmutableDictionary<UniqueAddress, HotOwner>.Empty, null, 0, null, 0, ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal), null, StateGossip.PushIntervalMillis);

    /// <summary>When the earliest own key's time-to-live runs out, if any (at most max-keys entries to scan).</summary>
    public long? NextExpiryAtMillis => OwnExpiries.IsEmpty ? null : OwnExpiries.Values.Min();

    public long NextDueAtMillis() => Math.Min(Math.Min(NextPushAtMillis ?? long.MaxValue, NextPurgeAtMillis ?? long.MaxValue), NextExpiryAtMillis ?? long.MaxValue);
}

/// <summary>An owner with news to push: the watermark before the news, and the push rounds left.</summary>
internal readonly record struct HotOwner(long Baseline, int RoundsLeft);

using System.Collections.Immutable;
using AkkaConvergence.KeyValue;

namespace AkkaConvergence.Protocol;

/// <summary>
/// The per-member key/value state's dissemination, apart from membership (it never bumps the
/// membership clock, resets a seen-set or waits for convergence). A write is pushed at once as a
/// delta: in a small cluster from the owner to every peer, unacknowledged; in a larger one to a few
/// peers not known to hold it, and each node that learns something new forwards it the same way
/// for a few short rounds (rumour mongering), each delta answered with what the peer then holds.
/// A peer is sent only what lies beyond what it is known to hold. Anti-entropy as the fallback:
/// the membership's periodic digest carries the summary hash of the sender's store, and only a
/// difference leads to a windowed digest and the missing deltas (push-pull, Scuttlebutt's
/// precise reconciliation). So a node that holds nothing yet takes part in it too, and a cluster
/// that does not use the key/value state pays 8 bytes per round for it.
/// </summary>
internal static class StateGossip
{
    /// <summary>Peers one push round sends to.</summary>
    public const int PushFanout = 3;

    /// <summary>
    /// Push rounds per owner after its news. With fan-out 3, one round of forwarding misses about
    /// e^-3 (5%) of the nodes; two rounds about e^-6 (0.25%), so 99% of a 1,000-node cluster holds a
    /// write by push alone (p99 58 ms in the simulator) and the periodic digest repairs the rest
    /// within about a gossip interval. A third round cut that tail but cost a quarter more bytes
    /// under load (docs/key-value-state.md).
    /// </summary>
    public const int PushRounds = 2;

    /// <summary>Between push rounds: a few LAN hops, so later rounds skip peers whose acknowledgements came in.</summary>
    public const long PushIntervalMillis = 50;

    /// <summary>
    /// The longest gap between push rounds. Rounds that follow each other closely (a node that keeps
    /// writing, or keeps learning others' writes) double the gap up to this, so a busy node sends
    /// fewer, fuller deltas (an overwritten key travels once per round, at its latest version); a
    /// pause of two gaps brings it back to <see cref="PushIntervalMillis"/>, so a lone write is not delayed.
    /// </summary>
    public const long MaxPushIntervalMillis = 200;

    /// <summary>
    /// Up to this many peers, a write goes straight from its owner to every peer in one round, and
    /// nobody forwards it or acknowledges it: one message per peer and write, the least there is.
    /// Anti-entropy (the summary on the periodic digest) repairs a lost push. Larger clusters
    /// spread writes epidemically (fan-out <see cref="PushFanout"/>, forwarded, acknowledged), so no
    /// owner sends to thousands of peers at once.
    /// </summary>
    public const int DirectPushPeers = 32;

    /// <summary>
    /// A node stops pushing once this many of its pushes found the peer already holding them:
    /// late in an epidemic most peers have the write, and more pushes would only duplicate it.
    /// </summary>
    public const int AlreadyHeldLimit = 3;

    /// <summary>The most owners one digest window lists (about 30 bytes each on the wire).</summary>
    public const int DigestWindowOwners = 256;

    /// <summary>Whether this node's cluster is small enough for direct pushes (see <see cref="DirectPushPeers"/>).</summary>
    public static bool PushesDirectly(CoreStep step) => step.Membership.ValidGossipTargets.Count <= DirectPushPeers;

    public static void OnSetState(CoreStep step, SetStateCommand command)
    {
        if (command.TimeToLiveMillis is <= 0)
        {
            step.Drop(DropReason.InvalidCommand, command, step.Self, detail: "time-to-live must be positive");
            return;
        }

        if (WriteOwn(step, command.Key, command.Value, command))
        {
            var expiries = step.KeyValue.OwnExpiries;
            step.KeyValue = step.KeyValue with
            {
                OwnExpiries = command.TimeToLiveMillis is { } ttl ? expiries.SetItem(command.Key, step.NowMillis + ttl) : expiries.Remove(command.Key),
            };
        }
    }

    public static void OnDeleteState(CoreStep step, DeleteStateCommand command)
    {
        step.KeyValue = step.KeyValue with { OwnExpiries = step.KeyValue.OwnExpiries.Remove(command.Key) };
        if (step.KeyValue.Store.Of(step.Self).Entries.TryGetValue(command.Key, out var entry) && !entry.IsDeleted)
        {
            WriteOwn(step, command.Key, null, command);
        }
    }

    public static void OnDelta(CoreStep step, StateDelta delta)
    {
        if (!IsFromMember(step, delta, delta.From, delta.To))
        {
            return;
        }

        var kv = step.KeyValue;
        var store = kv.Store;
        var heated = kv;
        var direct = PushesDirectly(step);
        var holdings = ImmutableArray.CreateBuilder<OwnerWatermark>(delta.Owners.Length);
        var sent = new List<(UniqueAddress, long)>(delta.Owners.Length);
        var gap = false;
        var news = false;
        var tombstones = false;
        foreach (var part in delta.Owners)
        {
            if (part.Owner == step.Self)
            {
                holdings.Add(new OwnerWatermark(step.Self, store.WatermarkOf(step.Self))); // Our own writes echoed back: only written here.
                continue;
            }

            if (!step.Gossip.HasMember(part.Owner))
            {
                step.Drop(DropReason.UnknownMember, delta, part.Owner);
                continue;
            }

            var current = store.Of(part.Owner);
            var (next, changed) = current.Apply(part, step.NowMillis);
            if (Violation(part, next, step.Settings.StateLimits) is { } violation)
            {
                step.Drop(DropReason.StateQuotaExceeded, delta, part.Owner, detail: Describe(violation));
                continue;
            }

            store = store.With(part.Owner, next);
            heated = direct ? heated : Heat(heated, part.Owner, current.Watermark, next.Watermark, step.NowMillis, PushRounds);
            step.StateChanges.AddRange(changed.Select(key => (part.Owner, key)));
            tombstones |= part.Entries.Any(e => e.Value is null);
            holdings.Add(new OwnerWatermark(part.Owner, next.Watermark));
            sent.Add((part.Owner, part.ToVersion));
            gap |= next.Watermark < part.ToVersion;
            news |= changed.Length > 0 || next.Watermark > current.Watermark;
        }

        step.KeyValue = heated with
        {
            Store = store,
            Knowledge = heated.Knowledge.AtLeast(delta.From, sent),
            NextPurgeAtMillis = tombstones ? Earliest(heated.NextPurgeAtMillis, step.NowMillis + step.Settings.StateLimits.TombstoneGraceMillis) : heated.NextPurgeAtMillis,
        };

        // A delta that could not be taken in full (it started beyond what this node holds) is
        // answered with a request for the missing part instead of an acknowledgement. Direct pushes
        // go unacknowledged: nobody forwards, so nobody needs to know who holds what.
        var kind = gap ? StateDigestKind.Request : news ? StateDigestKind.Acknowledgement : StateDigestKind.AlreadyHeld;
        if (gap || !direct)
        {
            step.Send(delta.From.Address, new StateDigest(step.Self, delta.From, kind, false, holdings.ToImmutable()));
        }
    }

    public static void OnDigest(CoreStep step, StateDigest digest)
    {
        if (!IsFromMember(step, digest, digest.From, digest.To))
        {
            return;
        }

        var theirs = digest.Holdings.Where(h => step.Gossip.HasMember(h.Owner)).ToList();
        step.KeyValue = step.KeyValue with { Knowledge = step.KeyValue.Knowledge.Told(digest.From, theirs.Select(h => (h.Owner, h.Watermark))) };
        var store = step.KeyValue.Store;
        switch (digest.Kind)
        {
            case StateDigestKind.Window:
                var listed = theirs.ToDictionary(h => h.Owner, h => h.Watermark);
                var covered = digest.Complete || theirs.Count == 0
                    ? store.OwnersInOrder().AsEnumerable()
                    : store.OwnersInOrder().Where(o => o.CompareTo(theirs[0].Owner) >= 0 && o.CompareTo(theirs[^1].Owner) <= 0);
                SendDelta(step, digest.From, [.. covered.Select(o => (o, listed.GetValueOrDefault(o))).Where(o => store.WatermarkOf(o.Item1) > o.Item2)]);
                var behind = theirs.Where(h => h.Owner != step.Self && h.Watermark > store.WatermarkOf(h.Owner)).Select(h => new OwnerWatermark(h.Owner, store.WatermarkOf(h.Owner))).ToImmutableArray();
                if (behind.Length > 0)
                {
                    step.Send(digest.From.Address, new StateDigest(step.Self, digest.From, StateDigestKind.Request, false, behind));
                }

                break;
            case StateDigestKind.Request:
                SendDelta(step, digest.From, [.. theirs.Where(h => store.WatermarkOf(h.Owner) > h.Watermark).Select(h => (h.Owner, h.Watermark))]);
                break;
            case StateDigestKind.AlreadyHeld when step.KeyValue.NextPushAtMillis is not null:
                step.KeyValue = step.KeyValue with { PushesAlreadyHeld = step.KeyValue.PushesAlreadyHeld + 1 };
                break;
        }
    }

    /// <summary>
    /// The periodic anti-entropy: a peer's summary (from its periodic membership digest) that is
    /// not this node's own means one of them lacks something; this node's window tells the peer
    /// what it holds, and the peer sends what is missing here and asks for what is missing there.
    /// </summary>
    public static void OnPeerSummary(CoreStep step, UniqueAddress peer, ulong summary)
    {
        if (summary != step.KeyValue.Store.Summary)
        {
            SendWindow(step, peer);
        }
    }

    /// <summary>After every input: a push round when one is due.</summary>
    public static void PushIfDue(CoreStep step)
    {
        var kv = step.KeyValue;
        if (kv.NextPushAtMillis is not { } at || at > step.NowMillis || !step.State.IsInitialized)
        {
            return;
        }

        var store = kv.Store;
        var hot = kv.Hot.Where(h => store.WatermarkOf(h.Key) > 0).ToList();
        List<(UniqueAddress, long)> BehindOf(UniqueAddress peer) =>
            [.. hot.Select(h => (h.Key, kv.Knowledge.Has(peer, h.Key) ?? h.Value.Baseline)).Where(o => store.WatermarkOf(o.Item1) > o.Item2)];

        var candidates = step.Membership.ValidGossipTargets.Where(peer => BehindOf(peer).Count > 0).ToList();
        var fanout = PushesDirectly(step) ? candidates.Count : PushFanout;
        foreach (var peer in Dissemination.PickDistinct(step.Random, candidates, fanout))
        {
            SendDelta(step, peer, BehindOf(peer));
        }

        var spread = candidates.Count <= fanout || kv.PushesAlreadyHeld >= AlreadyHeldLimit;
        var stillHot = spread
            ? kv.Hot.Clear()
            : kv.Hot.Where(h => h.Value.RoundsLeft > 1).ToImmutableDictionary(h => h.Key, h => h.Value with { RoundsLeft = h.Value.RoundsLeft - 1 });
        var gap = kv.LastPushAtMillis is { } last && step.NowMillis - last <= 2 * kv.PushGapMillis
            ? Math.Min(2 * kv.PushGapMillis, MaxPushIntervalMillis)
            : PushIntervalMillis;
        step.KeyValue = step.KeyValue with
        {
            Hot = stillHot,
            NextPushAtMillis = stillHot.IsEmpty ? null : step.NowMillis + gap,
            PushesAlreadyHeld = stillHot.IsEmpty ? 0 : kv.PushesAlreadyHeld,
            LastPushAtMillis = step.NowMillis,
            PushGapMillis = gap,
        };
    }

    /// <summary>
    /// Deletes this node's own keys whose time-to-live ran out (tombstones that spread like any
    /// deletion), and forgets tombstones past the grace period when the earliest is due.
    /// </summary>
    public static void OnWakeUp(CoreStep step, ICoreInput wakeUp)
    {
        if (step.KeyValue.NextExpiryAtMillis is { } expiry && expiry <= step.NowMillis)
        {
            var expired = step.KeyValue.OwnExpiries.Where(e => e.Value <= step.NowMillis).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
            step.KeyValue = step.KeyValue with { OwnExpiries = step.KeyValue.OwnExpiries.RemoveRange(expired) };
            foreach (var key in expired)
            {
                WriteOwn(step, key, null, wakeUp);
            }
        }

        var kv = step.KeyValue;
        if (kv.NextPurgeAtMillis is not { } at || at > step.NowMillis)
        {
            return;
        }

        var store = kv.Store;
        long? next = null;
        foreach (var (owner, state) in kv.Store.Owners)
        {
            var purged = state.PurgeTombstones(step.NowMillis, step.Settings.StateLimits.TombstoneGraceMillis);
            store = ReferenceEquals(purged, state) ? store : store.With(owner, purged);
            next = Earliest(next, purged.NextTombstoneExpiryAt(step.Settings.StateLimits.TombstoneGraceMillis));
        }

        step.KeyValue = kv with { Store = store, NextPurgeAtMillis = next };
    }

    /// <summary>
    /// After a membership change: the state of owners that are no longer members goes (their keys
    /// are reported as changed), and peers no longer members are forgotten.
    /// </summary>
    public static void FollowMembership(CoreStep step)
    {
        var kv = step.KeyValue;
        var gossip = step.Gossip;
        var gone = kv.Store.Owners.Keys.Where(owner => owner != step.Self && !gossip.HasMember(owner)).ToList();
        if (gone.Count > 0)
        {
            foreach (var owner in gone)
            {
                step.StateChanges.AddRange(kv.Store.Of(owner).Entries.Where(e => !e.Value.IsDeleted).Select(e => (owner, e.Key)));
            }

            kv = kv with { Store = new StateStore(kv.Store.Owners.RemoveRange(gone)), Hot = kv.Hot.RemoveRange(gone) };
        }

        step.KeyValue = kv with { Knowledge = kv.Knowledge.Retain(node => node == step.Self || gossip.HasMember(node)) };
    }

    /// <summary>This node's own write or deletion; false when a quota refused it.</summary>
    private static bool WriteOwn(CoreStep step, string key, StateValue? value, ICoreInput input)
    {
        var kv = step.KeyValue;
        var own = kv.Store.Of(step.Self);
        if (own.CheckWrite(key, value, step.Settings.StateLimits) is { } violation)
        {
            step.Drop(DropReason.StateQuotaExceeded, input, step.Self, detail: Describe(violation));
            return false;
        }

        var next = own.Write(key, value, step.NowMillis);
        step.StateChanges.Add((step.Self, key));
        var heated = Heat(kv, step.Self, own.Watermark, next.Watermark, step.NowMillis, PushesDirectly(step) ? 1 : PushRounds);
        step.KeyValue = heated with
        {
            Store = kv.Store.With(step.Self, next),
            NextPurgeAtMillis = value is null ? Earliest(kv.NextPurgeAtMillis, step.NowMillis + step.Settings.StateLimits.TombstoneGraceMillis) : kv.NextPurgeAtMillis,
        };
        return true;
    }

    /// <summary>
    /// An owner with new writes: pushed from what this node held before, for the next rounds; the
    /// first round at once, unless a round ran less than the current gap ago.
    /// </summary>
    private static KeyValueState Heat(KeyValueState kv, UniqueAddress owner, long before, long after, long nowMillis, int rounds) =>
        after <= before
            ? kv
            : kv with
            {
                Hot = kv.Hot.SetItem(owner, new HotOwner(kv.Hot.TryGetValue(owner, out var hot) ? hot.Baseline : before, rounds)),
                NextPushAtMillis = kv.NextPushAtMillis ?? Math.Max(nowMillis, (kv.LastPushAtMillis ?? long.MinValue / 2) + kv.PushGapMillis),
                PushesAlreadyHeld = 0, // News again: what peers already held says nothing about it.
            };

    private static void SendWindow(CoreStep step, UniqueAddress to)
    {
        var kv = step.KeyValue;
        var owners = kv.Store.OwnersInOrder();
        var start = owners.Length <= DigestWindowOwners ? 0 : kv.DigestCursor % owners.Length;
        var window = owners.Skip(start).Take(DigestWindowOwners).ToList();
        var complete = window.Count == owners.Length;
        var next = start + window.Count >= owners.Length ? 0 : start + window.Count;
        step.KeyValue = kv with { DigestCursor = next };
        var holdings = window.Select(o => new OwnerWatermark(o, kv.Store.WatermarkOf(o))).ToImmutableArray();
        step.Send(to.Address, new StateDigest(step.Self, to, StateDigestKind.Window, complete, holdings));
    }

    private static void SendDelta(CoreStep step, UniqueAddress to, IReadOnlyList<(UniqueAddress Owner, long Has)> behind)
    {
        var kv = step.KeyValue;
        var deltas = DeltaBuilder.Build(kv.Store, behind, step.Settings.StateLimits.MaxMessageBytes - StateLimits.MessageHeadroomBytes, step.Random.Next());
        if (deltas.Length > 0)
        {
            step.Send(to.Address, new StateDelta(step.Self, to, deltas));
        }
    }

    private static bool IsFromMember(CoreStep step, ICoreInput input, UniqueAddress from, UniqueAddress to)
    {
        if (!step.State.IsInitialized)
        {
            step.Drop(DropReason.NotInitialized, input, from);
            return false;
        }

        if (to != step.Self || from == step.Self)
        {
            step.Drop(DropReason.WrongIncarnation, input, from);
            return false;
        }

        if (!step.Gossip.HasMember(from))
        {
            step.Drop(DropReason.UnknownSender, input, from);
            return false;
        }

        return true;
    }

    /// <summary>A peer's delta that would take the owner past a quota (a misconfigured or hostile writer).</summary>
    private static StateQuotaViolation? Violation(OwnerDelta part, OwnerState next, StateLimits limits)
    {
        if (part.Entries.FirstOrDefault(e => e.Value is { } v && v.QuotaBytes > limits.MaxValueBytes) is { Value: { } large })
        {
            return new StateQuotaViolation(StateQuota.ValueSize, large.QuotaBytes, limits.MaxValueBytes);
        }

        if (next.LiveKeys > limits.MaxKeys)
        {
            return new StateQuotaViolation(StateQuota.KeyCount, next.LiveKeys, limits.MaxKeys);
        }

        return next.TotalBytes > limits.MaxTotalBytes ? new StateQuotaViolation(StateQuota.TotalSize, next.TotalBytes, limits.MaxTotalBytes) : null;
    }

    private static string Describe(StateQuotaViolation violation) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{violation.Key} = {violation.Limit}, would be {violation.Would}");

    private static long? Earliest(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}

using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol;

/// <summary>
/// Receiving full gossips and version digests: the drop rules, the Same/Before/After/Concurrent
/// handling, and the replies ("talkback") that pull the sender up to date.
/// </summary>
internal static class GossipReceiver
{
    public static void OnGossip(CoreStep step, GossipEnvelope envelope)
    {
        var remote = envelope.Gossip;
        if (!Accepts(step, envelope))
        {
            return;
        }

        var local = step.Gossip;
        var exiting = step.State.ExitingTasksInProgress;
        switch (remote.Version.CompareTo(local.Version))
        {
            case VectorClockOrdering.Same:
                step.SetGossip(exiting ? local.MergeSeen(remote) : local.MergeSeen(remote).MarkSeen(step.Self));
                ReplyWithSeenDigestIfMissing(step, envelope.From, remote, exiting);
                break;
            case VectorClockOrdering.Before:
                step.SendGossipTo(envelope.From, remote); // The sender is behind: it needs our gossip (what it lacks of it).
                break;
            case VectorClockOrdering.After:
                step.AdoptReceived(remote);
                ReplyWithSeenDigestIfMissing(step, envelope.From, remote, exiting);
                break;
            default:
                MergeConcurrent(step, envelope.From, local, remote);
                break;
        }
    }

    /// <summary>
    /// A delta: applied to our gossip, or to one of the recent versions we held, when it is the
    /// delta's basis; the result is the sender's gossip, handled as the whole gossip would be.
    /// Otherwise we hold another version than the sender thought: if it is the delta's target, it
    /// is handled as that gossip with the delta's seen-set; else our status goes back, as a
    /// periodic one, so the sender answers by whichever side is behind: its gossip if we are, a
    /// request for ours if it is (a plain request left a sender that was behind waiting for
    /// dissemination's rate-limited pushes: 59 ms became 107 for a formation of 10).
    /// </summary>
    public static void OnDelta(CoreStep step, GossipDeltaEnvelope envelope)
    {
        if (step.State.IsInitialized && envelope.To == step.Self && ApplyToHeld(step.Membership, envelope.Delta) is { } gossip)
        {
            OnGossip(step, new GossipEnvelope(envelope.From, envelope.To, gossip));
            return;
        }

        if (!AcceptsStatusFrom(step, envelope, envelope.From, envelope.To))
        {
            return;
        }

        var holdsTarget = GossipFingerprint.OfVersion(step.Gossip.Version) == envelope.Delta.TargetVersion;
        step.Note(new DeltaBasisMissed(envelope.From, holdsTarget));
        if (holdsTarget && envelope.Delta.Seen.SeenIn(step.Gossip) is { } seen)
        {
            // A redundant push: the sender's gossip is ours with its seen-set, and is handled as
            // that gossip would be (seen-sets unioned, so the leader also learns who has seen a
            // version from such pushes; a reply if the sender does not know we saw it).
            OnGossip(step, new GossipEnvelope(envelope.From, envelope.To, step.Gossip.ClearSeen().MergeSeen(seen)));
        }
        else
        {
            step.SendStatusTo(envelope.From, GossipStatusKind.Periodic);
        }
    }

    /// <summary>
    /// The delta applied to our gossip or to a recent version we held. The sender's guess of our
    /// version is often one behind while changes follow each other (a formation: 41 of 44 deltas
    /// missed at 10 nodes, and the requests they caused doubled its time); our copy of that
    /// version still turns the delta into the sender's exact gossip, which the merge rules then
    /// compare with ours like any other.
    /// </summary>
    private static Gossip? ApplyToHeld(MembershipState membership, GossipDelta delta)
    {
        if (delta.ApplyTo(membership.LatestGossip) is { } gossip)
        {
            return gossip;
        }

        foreach (var recent in membership.RecentVersions)
        {
            if (delta.ApplyTo(recent) is { } fromRecent)
            {
                return fromRecent;
            }
        }

        return null;
    }

    /// <summary>
    /// Both sides now hold the same version; if the sender does not know we have seen it, a seen
    /// digest tells it (Akka sends the whole gossip back here): only the entries its gossip lacked.
    /// </summary>
    private static void ReplyWithSeenDigestIfMissing(CoreStep step, UniqueAddress sender, Gossip remote, bool exiting)
    {
        if (!exiting && !remote.HasSeen(step.Self) && step.State.IsInitialized)
        {
            step.SendStatusTo(sender, GossipStatusKind.Reply, SeenDigest.Lacking(step.Gossip, remote.Seen));
        }
    }

    /// <summary>A periodic fingerprint: nothing to do when it is this node's own; else the full status, so the sender can compare.</summary>
    public static void OnFingerprint(CoreStep step, VersionFingerprint fingerprint)
    {
        if (!AcceptsStatusFrom(step, fingerprint, fingerprint.From, fingerprint.To))
        {
            return;
        }

        StateGossip.OnPeerSummary(step, fingerprint.From, fingerprint.StateSummary);
        if (fingerprint.Fingerprint != GossipFingerprint.Of(step.Gossip))
        {
            step.SendStatusTo(fingerprint.From, GossipStatusKind.Periodic);
        }
    }

    /// <summary>
    /// A digest: equal versions reconcile their seen-sets from the digest's bits. A periodic status
    /// may be answered (our seen digest, our gossip, or a request for theirs); a request is
    /// answered with our gossip; replies and acknowledgements are only merged, so no exchange can
    /// chain, and a stale one costs nothing (dissemination is already bringing the newer version).
    /// </summary>
    public static void OnStatus(CoreStep step, GossipStatus status)
    {
        if (!AcceptsStatusFrom(step, status, status.From, status.To))
        {
            return;
        }

        var periodic = status.Kind == GossipStatusKind.Periodic;
        if (periodic)
        {
            StateGossip.OnPeerSummary(step, status.From, status.StateSummary);
        }

        if (status.Version == GossipFingerprint.OfVersion(step.Gossip.Version))
        {
            MergeSameVersionSeen(step, status, periodic);
        }
        else if (status.Kind == GossipStatusKind.Request)
        {
            step.SendGossipTo(status.From, DeltaBasis.Exact(step.Membership, status.Version));
        }
        else if (periodic)
        {
            AnswerOtherVersion(step, status);
        }
    }

    private static void MergeSameVersionSeen(CoreStep step, GossipStatus status, bool periodic)
    {
        var remoteSeen = status.Seen.SeenIn(step.Gossip) ?? [];
        step.SetGossip(step.Gossip.MergeSeen(remoteSeen));
        if (periodic && step.Gossip.Seen.Count > remoteSeen.Count)
        {
            // It lacks seen entries we have: those.
            step.SendStatusTo(status.From, GossipStatusKind.Reply, SeenDigest.Lacking(step.Gossip, remoteSeen.ToHashSet()));
        }
    }

    /// <summary>
    /// A periodic status of another version than ours. One we held is older than ours: the sender
    /// gets the delta from it. Any other is newer, concurrent, or older than all we keep, which
    /// only the clocks can tell: we ask for its gossip, whose clock <see cref="OnGossip"/> compares
    /// (and which answers with ours, as a delta from theirs, when theirs is the older one).
    /// </summary>
    private static void AnswerOtherVersion(CoreStep step, GossipStatus status)
    {
        if (DeltaBasis.Exact(step.Membership, status.Version) is { } held)
        {
            step.SendGossipTo(status.From, held);
        }
        else
        {
            step.SendStatusTo(status.From, GossipStatusKind.Request);
        }
    }

    /// <summary>A status or fingerprint from a reachable member addressed to this incarnation; anything else is dropped (or told it was removed).</summary>
    private static bool AcceptsStatusFrom(CoreStep step, ICoreInput input, UniqueAddress from, UniqueAddress to)
    {
        if (!step.State.IsInitialized)
        {
            step.Drop(DropReason.NotInitialized, input, from);
            return false;
        }

        if (to != step.Self)
        {
            step.Drop(DropReason.WrongIncarnation, input, from);
            return false;
        }

        if (step.Gossip.Tombstones.ContainsKey(from))
        {
            TellRemoved(step, input, from);
            return false;
        }

        if (!step.Gossip.HasMember(from))
        {
            step.Drop(DropReason.UnknownSender, input, from);
            return false;
        }

        if (!step.Gossip.Reachability.IsReachable(step.Self, from))
        {
            step.Drop(DropReason.UnreachableSender, input, from);
            return false;
        }

        return true;
    }

    /// <summary>
    /// A removed incarnation still gossips (it was paused, or cut off, while it was downed and
    /// removed): its input is dropped, and it is sent this node's gossip, whose tombstone tells it
    /// it was removed, so it ends instead of living on as a zombie nobody talks to.
    /// </summary>
    private static void TellRemoved(CoreStep step, ICoreInput input, UniqueAddress removed)
    {
        step.Drop(DropReason.RemovedIncarnation, input, removed);
        step.Send(removed.Address, new GossipEnvelope(step.Self, removed, step.Gossip));
    }

    private static bool Accepts(CoreStep step, GossipEnvelope envelope)
    {
        var (from, to, remote) = (envelope.From, envelope.To, envelope.Gossip);
        if (!step.State.IsInitialized)
        {
            step.Drop(DropReason.NotInitialized, envelope, from);
            return false;
        }

        if (to != step.Self)
        {
            step.Drop(DropReason.WrongIncarnation, envelope, from);
            return false;
        }

        var local = step.Gossip;
        if (local.Tombstones.ContainsKey(from))
        {
            TellRemoved(step, envelope, from);
            return false;
        }

        if (remote.Tombstones.ContainsKey(step.Self))
        {
            SelfLifecycle.OnSelfRemoved(step, from);
            return false;
        }

        if (!remote.HasMember(step.Self))
        {
            step.Drop(DropReason.NotInGossip, envelope, from);
            return false;
        }

        // A sender we have not heard of yet is accepted when its own gossip holds it as a member:
        // merges are monotone and tombstones guard removals, so learning about it early is safe.
        if (!local.HasMember(from) && !remote.HasMember(from))
        {
            step.Drop(DropReason.UnknownSender, envelope, from);
            return false;
        }

        if (!local.Reachability.IsReachable(step.Self, from))
        {
            step.Drop(DropReason.UnreachableSender, envelope, from);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Clocks are concurrent. Often only because a removal pruned a clock entry on one side: then
    /// the merge equals one side, which is simply the newer one (handled as After or Before).
    /// Otherwise the merge is new to both: adopt it and send it back. If pruning made the merged
    /// clock equal to either side's while the content differs, the merge becomes a local change
    /// so that equal clocks keep meaning equal content.
    /// </summary>
    private static void MergeConcurrent(CoreStep step, UniqueAddress sender, Gossip local, Gossip remote)
    {
        var merged = local.Merge(remote);
        if (merged.HasSameContentAs(remote))
        {
            step.AdoptReceived(remote);
            ReplyWithSeenDigestIfMissing(step, sender, remote, step.State.ExitingTasksInProgress);
            return;
        }

        if (!merged.HasSameContentAs(local))
        {
            if (merged.Version.IsSameAs(local.Version) || merged.Version.IsSameAs(remote.Version))
            {
                step.ChangeLocally(merged);
            }
            else
            {
                step.AdoptReceived(merged);
            }
        }

        step.SendGossipTo(sender, remote); // The sender lacks what we had (or the merge of both).
    }
}

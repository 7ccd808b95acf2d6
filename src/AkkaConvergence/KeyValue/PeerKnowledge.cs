using System.Collections.Immutable;

namespace AkkaConvergence.KeyValue;

/// <summary>
/// What this node knows each peer holds: owner → watermark, from the peer's own word (its
/// acknowledgements and digests) and from what it sent (a sender holds what it sends), never
/// from what this node merely sent to it. Proto.Actor records offsets as sent, per sender, and
/// so resends or loses data when a message is lost; here a lost message leaves the knowledge
/// where it was and the next delta covers it again. Kept for the peers heard from most
/// recently only, so memory stays linear in the cluster size; a peer forgotten is reconciled by
/// digest like a new one.
/// </summary>
internal sealed record PeerKnowledge(ImmutableDictionary<UniqueAddress, PeerView> Peers, long Stamp)
{
    /// <summary>The most peers whose holdings a node remembers.</summary>
    public const int MaxPeers = 32;

    public static PeerKnowledge Empty { get; } = new(ImmutableDictionary<UniqueAddress, PeerView>.Empty, 0);

    /// <summary>The watermark <paramref name="peer"/> is known to hold for <paramref name="owner"/>, if known.</summary>
    public long? Has(UniqueAddress peer, UniqueAddress owner) =>
        Peers.TryGetValue(peer, out var view) && view.Watermarks.TryGetValue(owner, out var watermark) ? watermark : null;

    /// <summary>The peer said it holds exactly these watermarks (an acknowledgement or a digest).</summary>
    public PeerKnowledge Told(UniqueAddress peer, IEnumerable<(UniqueAddress Owner, long Watermark)> holdings) =>
        Update(peer, watermarks =>
        {
            foreach (var (owner, watermark) in holdings)
            {
                watermarks[owner] = watermark;
            }
        });

    /// <summary>The peer holds at least these (it sent them): only raises what is known.</summary>
    public PeerKnowledge AtLeast(UniqueAddress peer, IEnumerable<(UniqueAddress Owner, long Watermark)> holdings) =>
        Update(peer, watermarks =>
        {
            foreach (var (owner, watermark) in holdings)
            {
                if (!watermarks.TryGetValue(owner, out var known) || known < watermark)
                {
                    watermarks[owner] = watermark;
                }
            }
        });

    /// <summary>Forgets peers and owners that are no longer members.</summary>
    public PeerKnowledge Retain(Func<UniqueAddress, bool> isMember)
    {
        var peers = Peers;
        foreach (var (peer, view) in Peers)
        {
            if (!isMember(peer))
            {
                peers = peers.Remove(peer);
                continue;
            }

            var gone = view.Watermarks.Keys.Where(owner => !isMember(owner)).ToList();
            if (gone.Count > 0)
            {
                peers = peers.SetItem(peer, view with { Watermarks = view.Watermarks.RemoveRange(gone) });
            }
        }

        return ReferenceEquals(peers, Peers) ? this : this with { Peers = peers };
    }

    private PeerKnowledge Update(UniqueAddress peer, Action<ImmutableDictionary<UniqueAddress, long>.Builder> change)
    {
        var builder = (Peers.TryGetValue(peer, out var view) ? view.Watermarks : ImmutableDictionary<UniqueAddress, long>.Empty).ToBuilder();
        change(builder);
        var stamp = Stamp + 1;
        var peers = Peers.SetItem(peer, new PeerView(builder.ToImmutable(), stamp));
        if (peers.Count > MaxPeers)
        {
            peers = peers.Remove(peers.MinBy(p => p.Value.LastHeardStamp).Key);
        }

        return new PeerKnowledge(peers, stamp);
    }
}

/// <summary>One peer's known holdings, and when it was last heard of (a counter, for forgetting the least recent).</summary>
internal sealed record PeerView(ImmutableDictionary<UniqueAddress, long> Watermarks, long LastHeardStamp);

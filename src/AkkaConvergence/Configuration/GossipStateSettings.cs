using AkkaConvergence.KeyValue;

namespace AkkaConvergence;

/// <summary>
/// The <c>akka.convergence.gossip-state</c> settings: quotas per owner, so one node cannot flood
/// the cluster, and the size of one key/value message. One owner's whole state always fits in one
/// message (<c>max-total-size</c> is at most <c>max-message-size</c> less 4 KiB).
/// </summary>
/// <param name="MaxValueSize">The largest value, serialized, with its manifest (<c>max-value-size</c>, default 16 KiB).</param>
/// <param name="MaxKeys">The most live keys one member may have (<c>max-keys</c>, default 256).</param>
/// <param name="MaxTotalSize">The most bytes one member's keys, values and recent deletions may take (<c>max-total-size</c>, default 48 KiB).</param>
/// <param name="MaxMessageSize">The largest key/value message a node sends (<c>max-message-size</c>, default 64 KiB, well under Akka.Remote's 128,000-byte frame).</param>
/// <param name="TombstoneGracePeriod">How long a deletion is remembered; a member further behind gets the owner's complete state (<c>tombstone-grace-period</c>, default 2 min).</param>
public sealed record GossipStateSettings(int MaxValueSize, int MaxKeys, int MaxTotalSize, int MaxMessageSize, TimeSpan TombstoneGracePeriod)
{
    /// <summary>Room a message keeps beyond the entries it carries (header, addresses, versions).</summary>
    internal const int MessageHeadroomBytes = StateLimits.MessageHeadroomBytes;

    internal StateLimits ToLimits() => new(MaxValueSize, MaxKeys, MaxTotalSize, MaxMessageSize, (long)TombstoneGracePeriod.TotalMilliseconds);
}

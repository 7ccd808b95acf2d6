namespace AkkaConvergence.KeyValue;

/// <summary>
/// The bounds of the key/value state (<c>akka.convergence.gossip-state</c>): quotas per owner, so
/// that one node cannot flood the cluster, and the size of one message. The quotas keep one
/// owner's whole state within one message, so a peer that must be reset gets it in one piece.
/// </summary>
/// <param name="MaxValueBytes">The largest value (serialized, with its manifest).</param>
/// <param name="MaxKeys">The most live keys one owner may have.</param>
/// <param name="MaxTotalBytes">The most bytes one owner's entries may take (keys, values, and tombstones' keys).</param>
/// <param name="MaxMessageBytes">The largest key/value message this node sends.</param>
/// <param name="TombstoneGraceMillis">How long a deletion is remembered; a peer further behind is reset.</param>
internal sealed record StateLimits(int MaxValueBytes, int MaxKeys, int MaxTotalBytes, int MaxMessageBytes, long TombstoneGraceMillis)
{
    /// <summary>Room a message keeps for its header and addresses beyond the entries it carries.</summary>
    public const int MessageHeadroomBytes = 4096;

    public static StateLimits Default { get; } = new(16 * 1024, 256, 48 * 1024, 64 * 1024, 120_000);
}

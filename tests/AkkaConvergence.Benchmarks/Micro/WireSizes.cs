using System.Collections.Immutable;
using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;

namespace AkkaConvergence.Benchmarks.Micro;

/// <summary>What a full gossip and a digest weigh on the wire as the cluster grows (for docs/protocol.md).</summary>
internal static class WireSizes
{
    private static readonly ImmutableArray<byte> Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static void Print(TextWriter output)
    {
        var signed = new WireFrame("orders-prod", new AuthenticationSettings([Key], requireSignature: true));
        output.WriteLine($"{"members",8} {"gossip",10} {"per member",11} {"digest",8} {"gossip framed+signed",22} {"digest framed+signed",22}");
        foreach (var members in new[] { 10, 50, 100, 500, 1_000, 3_000, 10_000 })
        {
            var gossip = ModelFixtures.Converged(members);
            var nodes = gossip.Members.Select(m => m.UniqueAddress).ToArray();
            var envelope = new GossipEnvelope(nodes[0], nodes[^1], gossip);
            var digest = new GossipStatus(nodes[0], nodes[^1], GossipFingerprint.OfVersion(gossip.Version), SeenDigest.Of(gossip), GossipStatusKind.Periodic);
            var envelopeBytes = ClusterWireFormat.ToBytes(envelope).Length;
            var digestBytes = ClusterWireFormat.ToBytes(digest).Length;
            output.WriteLine($"{members,8:N0} {envelopeBytes,10:N0} {(double)envelopeBytes / members,11:F1} {digestBytes,8:N0} {envelopeBytes + signed.OverheadOf("GE"),22:N0} {digestBytes + signed.OverheadOf("GS"),22:N0}");
        }

        // Compression of a full gossip whose uids are random (as real ones are): size and time.
        output.WriteLine();
        output.WriteLine($"{"members",8} {"gossip",10} {"deflate-fast",14} {"brotli-1",14} {"brotli-4",14}");
        var random = new Random(1);
        foreach (var members in new[] { 100, 1_000, 3_000, 10_000 })
        {
            var gossip = ModelFixtures.Converged(members, () => random.NextInt64());
            var nodes = gossip.Members.Select(m => m.UniqueAddress).ToArray();
            var bytes = ClusterWireFormat.ToBytes(new GossipEnvelope(nodes[0], nodes[^1], gossip));
            output.WriteLine($"{members,8:N0} {bytes.Length,10:N0} {Compressed(bytes, s => new System.IO.Compression.DeflateStream(s, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)),14} {Compressed(bytes, s => new System.IO.Compression.BrotliStream(s, new System.IO.Compression.BrotliCompressionOptions { Quality = 1 }, leaveOpen: true)),14} {Compressed(bytes, s => new System.IO.Compression.BrotliStream(s, new System.IO.Compression.BrotliCompressionOptions { Quality = 4 }, leaveOpen: true)),14}");
        }
    }

    private static string Compressed(byte[] bytes, Func<Stream, Stream> compressor)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rounds = 0;
        long size = 0;
        while (rounds < 3 || clock.ElapsedMilliseconds < 200)
        {
            using var target = new MemoryStream();
            using (var stream = compressor(target))
            {
                stream.Write(bytes);
            }

            size = target.Length;
            rounds++;
        }

        return $"{size:N0} {clock.Elapsed.TotalMicroseconds / rounds:F0}us";
    }
}

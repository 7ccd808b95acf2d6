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
            var digest = new GossipStatus(nodes[0], nodes[^1], gossip.Version, SeenDigest.Of(gossip), GossipStatusKind.Periodic);
            var envelopeBytes = ClusterWireFormat.ToBytes(envelope).Length;
            var digestBytes = ClusterWireFormat.ToBytes(digest).Length;
            output.WriteLine($"{members,8:N0} {envelopeBytes,10:N0} {(double)envelopeBytes / members,11:F1} {digestBytes,8:N0} {envelopeBytes + signed.OverheadOf("GE"),22:N0} {digestBytes + signed.OverheadOf("GS"),22:N0}");
        }
    }
}

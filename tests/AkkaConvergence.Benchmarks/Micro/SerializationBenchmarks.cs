using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;
using BenchmarkDotNet.Attributes;

namespace AkkaConvergence.Benchmarks.Micro;

[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private GossipEnvelope _envelope = null!;
    private GossipStatus _status = null!;
    private byte[] _envelopeBytes = [];
    private byte[] _statusBytes = [];

    [Params(10, 100, 1000)]
    public int Members { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var gossip = ModelFixtures.Converged(Members);
        var nodes = gossip.Members.Select(m => m.UniqueAddress).ToArray();
        _envelope = new GossipEnvelope(nodes[0], nodes[^1], gossip);
        _status = new GossipStatus(nodes[0], nodes[^1], GossipFingerprint.OfVersion(gossip.Version), SeenDigest.Of(gossip), GossipStatusKind.Periodic);
        _envelopeBytes = ClusterWireFormat.ToBytes(_envelope);
        _statusBytes = ClusterWireFormat.ToBytes(_status);
    }

    [Benchmark]
    public byte[] SerializeGossip() => ClusterWireFormat.ToBytes(_envelope);

    [Benchmark]
    public object DeserializeGossip() => ClusterWireFormat.FromBytes("GE", _envelopeBytes);

    [Benchmark]
    public byte[] SerializeDigest() => ClusterWireFormat.ToBytes(_status);

    [Benchmark]
    public object DeserializeDigest() => ClusterWireFormat.FromBytes("GS", _statusBytes);
}

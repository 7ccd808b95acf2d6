using System.Collections.Immutable;
using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;
using BenchmarkDotNet.Attributes;

namespace AkkaConvergence.Benchmarks.Micro;

/// <summary>
/// What the frame costs per message: sealing and opening a heartbeat-sized and a gossip-sized
/// payload without a keyring (label check only) and with one (HMAC-SHA256 sign, verify).
/// </summary>
[MemoryDiagnoser]
public class WireFrameBenchmarks
{
    private static readonly ImmutableArray<byte> Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private WireFrame _frame = null!;
    private byte[] _payload = [];
    private byte[] _sealed = [];

    /// <summary>A probe (about 100 B) and a full gossip of 10, 100 and 1,000 members.</summary>
    [Params(0, 10, 100, 1000)]
    public int Members { get; set; }

    [Params(false, true)]
    public bool Signed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var gossip = ModelFixtures.Converged(Math.Max(Members, 2));
        var nodes = gossip.Members.Select(m => m.UniqueAddress).ToArray();
        IClusterMessage message = Members == 0 ? new Ping(nodes[0], nodes[1], 7, Suspected: false) : new GossipEnvelope(nodes[0], nodes[^1], gossip);
        _payload = ClusterWireFormat.ToBytes(message);
        _frame = new WireFrame("orders", new AuthenticationSettings(Signed ? [Key] : [], requireSignature: true));
        _sealed = Seal();
    }

    [Benchmark]
    public byte[] Seal() => _frame.Seal("GE", stream => stream.Write(_payload));

    [Benchmark]
    public int Open() => _frame.Open("GE", _sealed).PayloadLength;
}

using AkkaConvergence.Membership;
using BenchmarkDotNet.Attributes;

namespace AkkaConvergence.Benchmarks.Micro;

[MemoryDiagnoser]
public class GossipBenchmarks
{
    private Gossip _left = Gossip.Empty;
    private Gossip _right = Gossip.Empty;

    [Params(10, 100, 1000)]
    public int Members { get; set; }

    [GlobalSetup]
    public void Setup() => (_left, _right) = ModelFixtures.Concurrent(Members);

    [Benchmark]
    public object Merge() => _left.Merge(_right);
}

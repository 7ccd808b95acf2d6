using System.Collections.Immutable;
using AkkaConvergence.Membership;
using BenchmarkDotNet.Attributes;

namespace AkkaConvergence.Benchmarks.Micro;

[MemoryDiagnoser]
public class GossipBenchmarks
{
    private Gossip _left = Gossip.Empty;
    private Gossip _right = Gossip.Empty;
    private Gossip _rightDecoded = Gossip.Empty;

    [Params(10, 100, 1000)]
    public int Members { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_left, _right) = ModelFixtures.Concurrent(Members);

        // As the right side arrives off the wire: equal members, but no object shared with the left.
        var copies = _right.Members.Select(m => Member.Restore(m.UniqueAddress, m.Status, m.Roles, m.UpNumber)).ToImmutableSortedSet();
        _rightDecoded = new Gossip(copies, _right.Seen, _right.Reachability, _right.Version, _right.Tombstones);
    }

    /// <summary>Two concurrent versions in one process (they share the unchanged members).</summary>
    [Benchmark]
    public object Merge() => _left.Merge(_right);

    /// <summary>The same merge with the right side deserialized, as a received gossip is.</summary>
    [Benchmark]
    public object MergeDecoded() => _left.Merge(_rightDecoded);
}

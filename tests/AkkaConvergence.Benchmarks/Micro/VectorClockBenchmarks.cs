using BenchmarkDotNet.Attributes;

namespace AkkaConvergence.Benchmarks.Micro;

[MemoryDiagnoser]
public class VectorClockBenchmarks
{
    private VectorClock _left = VectorClock.Empty;
    private VectorClock _right = VectorClock.Empty;

    [Params(10, 100, 1000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _left = ModelFixtures.Clock(Entries, 0);
        _right = ModelFixtures.Clock(Entries, 1);
    }

    [Benchmark]
    public VectorClockOrdering Compare() => _left.CompareTo(_right);

    [Benchmark]
    public VectorClock Merge() => _left.Merge(_right);
}

using AkkaConvergence.FailureDetection;

namespace AkkaConvergence.Tests.FailureDetection;

public class SuspicionTests
{
    private static readonly FailureDetectorSettings Detector = ConvergenceSettings.Default.FailureDetector;

    private static Suspicion Started(long at, int confirmations = 0, long unansweredSince = 0, bool evidence = false) =>
        new(1, at, [.. Enumerable.Range(0, confirmations).Select(i => TestNodes.Node($"c{i}"))], 2, unansweredSince, evidence, false);

    [Theory]
    [InlineData(0, 3, 6_000)]
    [InlineData(1, 3, 3_500)] // memberlist: max − log(2)/log(4)·(max − min)
    [InlineData(3, 3, 1_000)]
    [InlineData(9, 3, 1_000)]
    [InlineData(0, 0, 1_000)]
    public void The_timeout_falls_from_max_toward_min_with_confirmations_as_memberlist_computes_it(int confirmations, int expected, long timeout)
    {
        Assert.Equal(timeout, Suspicion.TimeoutMillis(confirmations, expected, 1_000, 6_000));
    }

    [Fact]
    public void An_unconfirmed_suspicion_lasts_the_maximum_and_a_confirmed_one_the_minimum_after_the_silence_floor()
    {
        Assert.Equal(3_250, Suspicion.SilenceFloorMillis(Detector)); // acceptable-heartbeat-pause + half a probe timeout
        Assert.Equal(10_000 + 6_000, Started(10_000, unansweredSince: 10_000).DueAtMillis(Detector));
        Assert.Equal(10_000 + 3_250, Started(10_000, confirmations: 2, unansweredSince: 10_000).DueAtMillis(Detector)); // The floor, not min.
        Assert.Equal(10_000 + 1_000, Started(10_000, confirmations: 2, unansweredSince: 5_000).DueAtMillis(Detector));
    }

    [Fact]
    public void Transport_evidence_waives_the_floor_and_the_confirmations()
    {
        Assert.Equal(10_000 + 250, Started(10_000, unansweredSince: 10_000, evidence: true).DueAtMillis(Detector));
    }
}

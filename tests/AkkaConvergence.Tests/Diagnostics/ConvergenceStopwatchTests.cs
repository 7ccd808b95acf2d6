using AkkaConvergence.Diagnostics;

namespace AkkaConvergence.Tests.Diagnostics;

public class ConvergenceStopwatchTests
{
    [Fact]
    public void Measures_from_the_first_unconverged_view_to_the_next_converged_one()
    {
        var stopwatch = new ConvergenceStopwatch();

        Assert.Null(stopwatch.Observe(isConverged: false, nowMillis: 1_000));
        Assert.Null(stopwatch.Observe(isConverged: false, nowMillis: 1_200)); // Still the same change: the start stays.
        Assert.Equal(TimeSpan.FromMilliseconds(500), stopwatch.Observe(isConverged: true, nowMillis: 1_500));
    }

    [Fact]
    public void A_converged_view_without_a_change_before_it_is_no_measurement()
    {
        var stopwatch = new ConvergenceStopwatch();

        Assert.Null(stopwatch.Observe(isConverged: true, nowMillis: 100));
        Assert.Equal(TimeSpan.FromMilliseconds(50), stopwatch.Observe(isConverged: false, nowMillis: 200) ?? stopwatch.Observe(isConverged: true, nowMillis: 250));
        Assert.Null(stopwatch.Observe(isConverged: true, nowMillis: 300)); // Measured once, not again.
    }
}

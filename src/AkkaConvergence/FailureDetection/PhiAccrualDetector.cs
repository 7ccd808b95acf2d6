using System.Collections.Immutable;

namespace AkkaConvergence.FailureDetection;

/// <summary>
/// The phi-accrual failure detector (Hayashibara et al.; Akka's), as immutable data fed with
/// timestamps: the history of heartbeat inter-arrival times, and the suspicion level phi that
/// silence since the last heartbeat reaches under a normal distribution of that history.
/// </summary>
/// <remarks>
/// Same rules as Akka.Remote's <c>PhiAccrualFailureDetector</c>, so the two detect alike: the
/// history starts with two guessed intervals (the heartbeat interval ± a quarter); an interval
/// that ends a period the detector already judged a failure is not recorded (a long pause must not
/// teach it to expect long pauses); phi uses the mean plus acceptable-heartbeat-pause and a
/// standard deviation of at least min-std-deviation.
/// </remarks>
/// <param name="Intervals">The recorded intervals, oldest first, at most max-sample-size.</param>
/// <param name="Count">How many intervals are recorded.</param>
/// <param name="Sum">Sum of the intervals.</param>
/// <param name="SumOfSquares">Sum of their squares.</param>
/// <param name="LastHeartbeatMillis">When the last heartbeat arrived (monotonic).</param>
internal sealed record PhiAccrualDetector(ImmutableQueue<long> Intervals, int Count, double Sum, double SumOfSquares, long LastHeartbeatMillis)
{
    /// <summary>A detector whose first heartbeat arrived at <paramref name="nowMillis"/>.</summary>
    public static PhiAccrualDetector FirstHeartbeat(long nowMillis, FailureDetectorSettings settings)
    {
        var mean = (long)settings.HeartbeatInterval.TotalMilliseconds;
        var deviation = mean / 4;
        return new PhiAccrualDetector(ImmutableQueue<long>.Empty, 0, 0, 0, nowMillis)
            .Record(mean - deviation, settings.MaxSampleSize)
            .Record(mean + deviation, settings.MaxSampleSize);
    }

    public double Mean => Sum / Count;

    public double StandardDeviation => Math.Sqrt(Math.Max(0, (SumOfSquares / Count) - (Mean * Mean)));

    /// <summary>A heartbeat arrived at <paramref name="nowMillis"/>.</summary>
    public PhiAccrualDetector Heartbeat(long nowMillis, FailureDetectorSettings settings)
    {
        var interval = nowMillis - LastHeartbeatMillis;
        var recorded = IsAvailable(nowMillis, settings) ? Record(interval, settings.MaxSampleSize) : this;
        return recorded with { LastHeartbeatMillis = nowMillis };
    }

    /// <summary>How strongly the silence since the last heartbeat suggests a failure (0 = none).</summary>
    public double Phi(long nowMillis, FailureDetectorSettings settings)
    {
        var silence = nowMillis - LastHeartbeatMillis;
        var mean = Mean + settings.AcceptableHeartbeatPause.TotalMilliseconds;
        var deviation = Math.Max(StandardDeviation, settings.MinStdDeviation.TotalMilliseconds);

        // A logistic approximation of the normal distribution's tail, as in Akka.
        var y = (silence - mean) / deviation;
        var e = Math.Exp(-y * (1.5976 + (0.070566 * y * y)));
        return silence > mean ? -Math.Log10(e / (1.0 + e)) : -Math.Log10(1.0 - (1.0 / (1.0 + e)));
    }

    public bool IsAvailable(long nowMillis, FailureDetectorSettings settings) => Phi(nowMillis, settings) < settings.Threshold;

    private PhiAccrualDetector Record(long interval, int maxSampleSize)
    {
        var intervals = Intervals.Enqueue(interval);
        double sum = Sum + interval, squares = SumOfSquares + ((double)interval * interval);
        var count = Count + 1;
        if (count > maxSampleSize)
        {
            intervals = intervals.Dequeue(out var oldest);
            sum -= oldest;
            squares -= (double)oldest * oldest;
            count--;
        }

        return this with { Intervals = intervals, Count = count, Sum = sum, SumOfSquares = squares };
    }
}

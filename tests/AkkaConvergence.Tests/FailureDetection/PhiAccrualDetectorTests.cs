using System.Reflection;
using AkkaConvergence.FailureDetection;

namespace AkkaConvergence.Tests.FailureDetection;

public class PhiAccrualDetectorTests
{
    private static readonly FailureDetectorSettings Settings = ConvergenceSettings.Default.FailureDetector;

    [Fact]
    public void Phi_is_the_same_as_Akka_Remote_computes_for_the_same_heartbeats()
    {
        // Irregular arrivals, including a pause long enough that Akka's detector judges a failure
        // (and must not record that interval), then regular ones again.
        var random = new Random(3);
        long now = 10_000;
        var akka = new Akka.Remote.PhiAccrualFailureDetector(
            Settings.Threshold, Settings.MaxSampleSize, Settings.MinStdDeviation, Settings.AcceptableHeartbeatPause, Settings.HeartbeatInterval, () => now);
        PhiAccrualDetector? ours = null;
        for (var i = 0; i < 300; i++)
        {
            now += i == 150 ? 9_000 : 800 + random.Next(400);
            akka.HeartBeat();
            ours = ours?.Heartbeat(now, Settings) ?? PhiAccrualDetector.FirstHeartbeat(now, Settings);
            foreach (var probe in new long[] { 100, 1_500, 4_000, 5_500 })
            {
                var at = now + probe;
                var saved = now;
                now = at;
                Assert.Equal(CurrentPhiOf(akka), ours.Phi(at, Settings), precision: 9);
                Assert.Equal(akka.IsAvailable, ours.IsAvailable(at, Settings));
                now = saved;
            }
        }
    }

    /// <summary>Akka keeps its phi internal; the comparison is worth a reflective read.</summary>
    private static double CurrentPhiOf(Akka.Remote.PhiAccrualFailureDetector detector) =>
        (double)typeof(Akka.Remote.PhiAccrualFailureDetector).GetProperty("CurrentPhi", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(detector)!;

    [Fact]
    public void A_silent_member_becomes_unavailable_a_few_seconds_after_its_last_heartbeat()
    {
        var detector = PhiAccrualDetector.FirstHeartbeat(0, Settings);
        for (var t = 1_000; t <= 20_000; t += 1_000)
        {
            detector = detector.Heartbeat(t, Settings);
        }

        Assert.True(detector.IsAvailable(20_000 + 4_000, Settings));
        Assert.False(detector.IsAvailable(20_000 + 5_000, Settings));
    }

    [Fact]
    public void The_history_keeps_at_most_max_sample_size_intervals()
    {
        var settings = Settings with { MaxSampleSize = 5 };
        var detector = PhiAccrualDetector.FirstHeartbeat(0, settings);
        for (var t = 100; t <= 2_000; t += 100)
        {
            detector = detector.Heartbeat(t, settings);
        }

        Assert.Equal(5, detector.Count);
        Assert.Equal(100, detector.Mean, precision: 9);
        Assert.Equal(0, detector.StandardDeviation, precision: 6);
    }
}

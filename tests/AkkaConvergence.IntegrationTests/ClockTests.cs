using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

/// <summary>Real nodes whose wall clocks jump by minutes, back and forth, all the time.</summary>
public sealed class ClockTests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Joining_leaving_and_downing_a_crashed_node_work_while_every_wall_clock_jumps_by_minutes()
    {
        var crashOnTerminate = "akka.coordinated-shutdown.run-by-actor-system-terminate = off";
        var systems = Enumerable.Range(0, 4).Select(i => _cluster.Start(crashOnTerminate, time: new JumpingWallClock(seed: i))).ToList();
        var seed = Cluster(systems[0]).SelfAddress;
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);

        await Cluster(systems[3]).LeaveAsync().WaitAsync(DefaultWait);
        await AwaitAllUp(systems.Take(3).ToList());

        await systems[2].Terminate().WaitAsync(DefaultWait); // A crash: no leave.
        await AwaitAllUp(systems.Take(2).ToList()); // Detected, downed after stable-after (2 s) and removed.
    }

    /// <summary>Monotonic time as the system's; wall time off by up to ±30 minutes, a different offset on every read.</summary>
    private sealed class JumpingWallClock(int seed) : TimeProvider
    {
        private readonly Random _random = new(seed);
        private readonly object _gate = new();

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate)
            {
                return base.GetUtcNow().AddMinutes(_random.Next(-30, 31));
            }
        }
    }
}

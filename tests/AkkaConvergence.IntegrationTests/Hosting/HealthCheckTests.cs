using AkkaConvergence.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests.Hosting;

/// <summary>The health check's verdict over a node's life: not joined, Up, a peer lost, shut down.</summary>
public sealed class HealthCheckTests : IAsyncDisposable
{
    /// <summary>Terminating the system stops the node at once: a graceful leave past an unreachable peer would wait for its timeouts.</summary>
    private const string StopsWithoutLeaving = "akka.coordinated-shutdown.run-by-actor-system-terminate = off";

    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Unhealthy_before_joining_healthy_when_up_degraded_with_an_unreachable_peer_unhealthy_after_shutdown()
    {
        var first = _cluster.Start(StopsWithoutLeaving);
        var second = _cluster.Start(StopsWithoutLeaving);
        var check = new ConvergenceClusterHealthCheck(Cluster(first));

        Assert.Equal(HealthStatus.Unhealthy, (await Check(check)).Status);

        await Cluster(first).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);
        await Cluster(second).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);
        await AwaitAllUp([first, second]);
        await AwaitCondition(() => Cluster(first).State.IsConverged, "converged");
        var healthy = await Check(check);
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(2, healthy.Data["members"]);

        await second.Terminate().WaitAsync(DefaultWait);
        await AwaitCondition(() => !Cluster(first).State.Unreachable.IsEmpty, "the peer is unreachable");
        var degraded = await Check(check);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains(Cluster(second).SelfAddress.ToString(), degraded.Description, StringComparison.Ordinal);

        await first.Terminate().WaitAsync(DefaultWait);
        Assert.Equal(HealthStatus.Unhealthy, (await Check(check)).Status);
    }

    [Fact]
    public async Task Degraded_when_the_view_stays_unconverged_longer_than_allowed()
    {
        const string NoDowning = $"akka.convergence.downing.strategy = off\n{StopsWithoutLeaving}"; // The unreachable peer stays: no convergence.
        var first = _cluster.Start(NoDowning);
        var second = _cluster.Start(NoDowning);
        await Cluster(first).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);
        await Cluster(second).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);
        await AwaitAllUp([first, second]);
        await second.Terminate().WaitAsync(DefaultWait);
        await AwaitCondition(() => Cluster(first).UnconvergedSince is not null, "the view is no longer converged");
        var options = new ConvergenceHealthCheckOptions { DegradedWhenMembersUnreachable = false, DegradedWhenUnconvergedFor = TimeSpan.FromMinutes(1) };

        var now = await Check(new ConvergenceClusterHealthCheck(Cluster(first), options));
        var twoMinutesLater = await Check(new ConvergenceClusterHealthCheck(Cluster(first), options, new ShiftedTime(TimeSpan.FromMinutes(2))));

        Assert.Equal(HealthStatus.Healthy, now.Status); // Unconverged only briefly: still healthy.
        Assert.Equal(HealthStatus.Degraded, twoMinutesLater.Status);
        Assert.Contains("has not converged since", twoMinutesLater.Description, StringComparison.Ordinal);
    }

    private static Task<HealthCheckResult> Check(IHealthCheck check) => check.CheckHealthAsync(new HealthCheckContext());

    /// <summary>The system clock, read as if it were later by <paramref name="offset"/>.</summary>
    private sealed class ShiftedTime(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}

using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

/// <summary>The <c>AkkaConvergence</c> meter as an exporter sees it, on a real two-node cluster.</summary>
public sealed class MetricsTests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_converged_pair_reports_members_by_status_convergence_and_traffic_by_kind()
    {
        var first = _cluster.Start();
        var second = _cluster.Start();
        using var meters = new MeterCollector(Cluster(first).SelfAddress.ToString());
        meters.Observe();
        Assert.Equal(0, meters.Gauge("akka.convergence.converged")); // Before joining: not converged, as State says.
        Assert.Equal(0, meters.Gauge("akka.convergence.members"));

        await Cluster(first).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);
        await Cluster(second).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);
        await AwaitCondition(
            () => Cluster(first).State is { IsConverged: true, Members.Count: 2 } state && state.Members.All(m => m.Status == MemberStatus.Up),
            "both Up and converged on the first node");
        await AwaitCondition(() => meters.Sum("akka.convergence.bytes.received", "kind=gossip") > 0, "gossip received by the first node");

        meters.Observe();
        Assert.Equal(2, meters.Gauge("akka.convergence.members", "status=Up"));
        Assert.Equal(0, meters.Gauge("akka.convergence.members", "status=Joining"));
        Assert.Equal(0, meters.Gauge("akka.convergence.members.unreachable"));
        Assert.Equal(1, meters.Gauge("akka.convergence.converged"));
        Assert.Equal(Cluster(first).State.Leader == Cluster(first).SelfAddress ? 1 : 0, meters.Gauge("akka.convergence.leader")); // The lower address leads.
        Assert.True(meters.Sum("akka.convergence.messages.received", "kind=join") >= 1, "the Join (and InitJoin) came in");
        Assert.True(meters.Sum("akka.convergence.messages.sent", "kind=join") >= 1, "the Welcome went out");
        Assert.True(meters.Sum("akka.convergence.bytes.sent") > meters.Sum("akka.convergence.messages.sent"), "bytes are counted, not messages");
        Assert.NotEmpty(meters.Recordings("akka.convergence.convergence.duration")); // The join made the view unconverged, then converged again.
        Assert.All(meters.Recordings("akka.convergence.convergence.duration"), ms => Assert.InRange(ms, 0, DefaultWait.TotalMilliseconds));
    }

    [Fact]
    public async Task A_crashed_peer_shows_as_unreachable_and_counts_a_reachability_change()
    {
        var first = _cluster.Start();
        var second = _cluster.Start("akka.coordinated-shutdown.run-by-actor-system-terminate = off"); // Stops without leaving.
        using var meters = new MeterCollector(Cluster(first).SelfAddress.ToString());
        await Cluster(first).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);
        await Cluster(second).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);
        await AwaitAllUp([first, second]);

        await second.Terminate().WaitAsync(DefaultWait);
        await AwaitCondition(() => meters.Sum("akka.convergence.reachability.changes", "to=unreachable") >= 1, "the first node marked its peer unreachable");

        meters.Observe();
        Assert.True(meters.Gauge("akka.convergence.members.unreachable") >= 1 || meters.Gauge("akka.convergence.members") == 1, "unreachable until downed and removed");
        Assert.True(meters.Sum("akka.convergence.suspicions") >= 1, "Lifeguard suspected it first");
    }
}

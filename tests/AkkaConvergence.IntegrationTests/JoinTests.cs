using Akka.Actor;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

public sealed class JoinTests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_single_node_joining_itself_forms_a_cluster_and_is_up()
    {
        var system = _cluster.Start();
        var cluster = Cluster(system);
        Assert.Equal(MemberStatus.Removed, cluster.SelfMember.Status);
        Assert.Empty(cluster.State.Members);
        Assert.False(cluster.State.IsConverged);

        await cluster.JoinAsync(cluster.SelfAddress).WaitAsync(DefaultWait);

        Assert.Equal(MemberStatus.Up, cluster.SelfMember.Status);
        Assert.Equal(cluster.SelfAddress, cluster.State.Leader);
        Assert.Equal(1, cluster.SelfMember.UpNumber);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Nodes_join_through_seed_nodes(int count)
    {
        var systems = _cluster.StartMany(count);
        var seeds = systems.Take(2).Select(s => Cluster(s).SelfAddress).ToList();

        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync(seeds))).WaitAsync(DefaultWait);

        await AwaitAllUp(systems);
        var leader = Cluster(systems[0]).State.Leader;
        Assert.All(systems, s => Assert.Equal(leader, Cluster(s).State.Leader));
        Assert.Equal(Enumerable.Range(1, count), Cluster(systems[0]).State.Members.Select(m => m.UpNumber).Order());
    }

    [Fact]
    public async Task Seed_nodes_from_configuration_are_joined_at_start()
    {
        var port = FreePort();
        var seed = $"akka.tcp://conv@127.0.0.1:{port}";
        var first = _cluster.Start($"akka.convergence.seed-nodes = [\"{seed}\"]", port: port);
        var second = _cluster.Start($"akka.convergence.seed-nodes = [\"{seed}\"]");

        await AwaitAllUp([first, second]);
    }

    [Fact]
    public async Task Explicit_join_of_another_node()
    {
        var first = _cluster.Start();
        var second = _cluster.Start();
        await Cluster(first).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);

        await Cluster(second).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);

        await AwaitAllUp([first, second]);
    }

    [Fact]
    public async Task Joiners_wait_for_min_nr_of_members()
    {
        var systems = _cluster.StartMany(3, "akka.convergence.min-nr-of-members = 3");
        var seed = Cluster(systems[0]).SelfAddress;
        Cluster(systems[0]).Join(seed);
        Cluster(systems[1]).Join(seed);

        await AwaitCondition(() => Cluster(systems[0]).State.Members.Count == 2, "two nodes have joined");
        await Task.Delay(600); // Several leader-action intervals with two members: nobody may go Up.
        Assert.All(Cluster(systems[0]).State.Members, m => Assert.Equal(MemberStatus.Joining, m.Status));

        Cluster(systems[2]).Join(seed);
        await AwaitAllUp(systems);
    }

    [Fact]
    public async Task A_join_from_another_actor_system_name_is_refused()
    {
        var member = _cluster.Start();
        await Cluster(member).JoinAsync(Cluster(member).SelfAddress).WaitAsync(DefaultWait);
        var stranger = _cluster.Start(systemName: "other");

        Cluster(stranger).Join(Cluster(member).SelfAddress);

        await AwaitCondition(() => Cluster(stranger).Metrics.Drops(Protocol.DropReason.ForeignCluster) > 0, "the foreign join is refused");
        Assert.Single(Cluster(member).State.Members);
    }

    [Fact]
    public async Task Join_async_is_cancelled_by_its_token()
    {
        var lonely = _cluster.Start();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // Nobody listens on this address, so the join cannot complete.
        var nowhere = new Address("akka.tcp", "conv", "127.0.0.1", FreePort());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cluster(lonely).JoinAsync(nowhere, cancel.Token).WaitAsync(DefaultWait));
    }
}

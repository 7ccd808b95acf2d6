using Akka.Actor;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

public sealed class HookTests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    /// <summary>Holds back the move Up of one address while <see cref="Holding"/> is set; records applied rounds.</summary>
    private sealed class HoldBackHook(Address held) : ILeaderActionHook
    {
        public volatile bool Holding = true;

        public int AppliedRounds;

        public bool Approve(MemberTransition transition, CurrentClusterState state) =>
            !(Holding && transition.Member.Address == held && transition.To == MemberStatus.Up);

        public void OnApplied(IReadOnlyList<MemberTransition> transitions, CurrentClusterState state) => Interlocked.Increment(ref AppliedRounds);
    }

    /// <summary>Throws from both methods, and counts that it was asked.</summary>
    private sealed class ThrowingHook : ILeaderActionHook
    {
        public int Approvals;

        public int Notifications;

        public bool Approve(MemberTransition transition, CurrentClusterState state)
        {
            Interlocked.Increment(ref Approvals);
            throw new InvalidOperationException("hook failure");
        }

        public void OnApplied(IReadOnlyList<MemberTransition> transitions, CurrentClusterState state)
        {
            Interlocked.Increment(ref Notifications);
            throw new InvalidOperationException("hook failure");
        }
    }

    [Fact]
    public async Task A_hook_holds_a_joiner_back_and_then_releases_it()
    {
        var first = _cluster.Start();
        var second = _cluster.Start();
        var hook = new HoldBackHook(Cluster(second).SelfAddress);
        using var registration = Cluster(first).RegisterLeaderActionHook(hook);
        await Cluster(first).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);

        Cluster(second).Join(Cluster(first).SelfAddress);
        await AwaitCondition(() => Cluster(first).State.Members.Count == 2 && Cluster(first).State.IsConverged, "the joiner is in and seen");
        await Task.Delay(600); // Several leader rounds: the joiner must stay held back.
        Assert.Equal(MemberStatus.Joining, Cluster(first).State.Members.Single(m => m.Address == Cluster(second).SelfAddress).Status);

        hook.Holding = false;

        await AwaitAllUp([first, second]);
        Assert.True(hook.AppliedRounds >= 2, "OnApplied ran for the first node's move Up and the joiner's");
    }

    [Fact]
    public async Task A_throwing_hook_counts_as_approving_and_never_stalls_the_cluster()
    {
        var systems = _cluster.StartMany(2);
        var hooks = systems.Select(_ => new ThrowingHook()).ToList();
        using var registrations = new CompositeDisposable(systems.Select((s, i) => Cluster(s).RegisterLeaderActionHook(hooks[i])));
        var seed = Cluster(systems[0]).SelfAddress;
        var leaderLog = LogLines.Collect(systems[0]);

        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);

        await AwaitAllUp(systems);
        var leader = hooks[0]; // The seed is the leader of both moves Up.
        Assert.True(leader.Approvals >= 2 && leader.Notifications >= 2, $"the leader's hook was asked ({leader.Approvals} approvals, {leader.Notifications} notifications)");
        await AwaitCondition(
            () => leaderLog.Any(line => line.Contains("a leader-action hook threw in Approve", StringComparison.Ordinal))
                  && leaderLog.Any(line => line.Contains("a leader-action hook threw in OnApplied", StringComparison.Ordinal)),
            "both failures were logged as errors");
    }

    [Fact]
    public async Task Disposing_a_registration_removes_the_hook()
    {
        var first = _cluster.Start();
        var second = _cluster.Start();
        var hook = new HoldBackHook(Cluster(second).SelfAddress);
        Cluster(first).RegisterLeaderActionHook(hook).Dispose();
        await Cluster(first).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);

        await Cluster(second).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);

        Assert.Equal(0, hook.AppliedRounds);
    }

    private sealed class CompositeDisposable(IEnumerable<IDisposable> items) : IDisposable
    {
        private readonly List<IDisposable> _items = [.. items];

        public void Dispose() => _items.ForEach(item => item.Dispose());
    }
}

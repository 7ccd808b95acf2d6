using AkkaConvergence.Membership;

using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Membership;

public class ReachabilityTests
{
    private static readonly UniqueAddress A = Node("a");
    private static readonly UniqueAddress B = Node("b");
    private static readonly UniqueAddress C = Node("c");
    private static readonly HashSet<UniqueAddress> AllNodes = [A, B, C];

    [Fact]
    public void Recording_reachable_for_an_observer_without_rows_changes_nothing()
    {
        Assert.Same(Reachability.Empty, Reachability.Empty.Reachable(A, B));
    }

    [Fact]
    public void Each_change_bumps_the_observer_version_and_stamps_the_record()
    {
        var table = Reachability.Empty.Unreachable(A, B).Unreachable(A, C);

        Assert.Equal(2, table.Versions[A]);
        Assert.Equal([1L, 2L], table.Records.Select(r => r.Version));
        Assert.Equal(ReachabilityStatus.Unreachable, table.Status(A, B));
        Assert.Equal([B, C], table.AllUnreachable);
    }

    [Fact]
    public void Terminated_is_final()
    {
        var table = Reachability.Empty.Terminated(A, B);

        Assert.Same(table, table.Reachable(A, B));
        Assert.Same(table, table.Unreachable(A, B));
        Assert.Equal(ReachabilityStatus.Terminated, table.Status(B));
    }

    [Fact]
    public void Aggregated_status_prefers_terminated_then_unreachable()
    {
        var table = Reachability.Empty.Unreachable(A, C).Terminated(B, C).Unreachable(A, B);

        Assert.Equal(ReachabilityStatus.Terminated, table.Status(C));
        Assert.Equal(ReachabilityStatus.Unreachable, table.Status(B));
        Assert.Equal(ReachabilityStatus.Reachable, table.Status(A));
        Assert.Equal([B], table.AllUnreachable);
        Assert.Equal([B, C], table.AllUnreachableOrTerminated);
    }

    [Fact]
    public void When_an_observer_reaches_everyone_again_its_rows_are_dropped_but_its_version_kept()
    {
        var table = Reachability.Empty.Unreachable(A, B).Unreachable(A, C).Reachable(A, B);
        Assert.Equal(ReachabilityStatus.Reachable, table.Status(A, B));
        Assert.Equal(2, table.Records.Count());

        var healed = table.Reachable(A, C);

        Assert.Empty(healed.Records);
        Assert.Equal(4, healed.Versions[A]);
        Assert.True(healed.IsReachable(B) && healed.IsReachable(C));
    }

    [Fact]
    public void Merge_takes_each_observers_rows_from_the_side_with_the_higher_version()
    {
        var older = Reachability.Empty.Unreachable(A, B);
        var newer = older.Unreachable(A, C).Reachable(A, B);

        Assert.Equal(newer, older.Merge(AllNodes, newer));
        Assert.Equal(newer, newer.Merge(AllNodes, older));
    }

    [Fact]
    public void Merge_keeps_rows_of_different_observers_from_both_sides()
    {
        var left = Reachability.Empty.Unreachable(A, C);
        var right = Reachability.Empty.Unreachable(B, C);

        var merged = left.Merge(AllNodes, right);

        Assert.Equal([A, B], merged.Records.Select(r => r.Observer));
    }

    [Fact]
    public void Merge_does_not_revive_rows_the_observer_has_since_cleared()
    {
        var suspected = Reachability.Empty.Unreachable(A, B);
        var cleared = suspected.Reachable(A, B);

        Assert.Empty(suspected.Merge(AllNodes, cleared).Records);
        Assert.Empty(cleared.Merge(AllNodes, suspected).Records);
    }

    [Fact]
    public void Merge_drops_observers_and_subjects_that_are_not_members()
    {
        var table = Reachability.Empty.Unreachable(A, B).Unreachable(C, A);

        var merged = table.Merge(new HashSet<UniqueAddress> { A, C }, Reachability.Empty);

        Assert.Equal([new ReachabilityRecord(C, A, ReachabilityStatus.Unreachable, 1)], merged.Records);
        Assert.False(merged.Versions.ContainsKey(B));
    }

    [Fact]
    public void Remove_forgets_a_node_as_observer_and_as_subject()
    {
        var table = Reachability.Empty.Unreachable(A, B).Unreachable(B, C).Unreachable(C, A);

        var removed = table.Remove([B]);

        Assert.Equal([C], removed.Records.Select(r => r.Observer));
        Assert.False(removed.Versions.ContainsKey(B));
    }

    [Fact]
    public void Removing_observers_keeps_their_versions()
    {
        var table = Reachability.Empty.Unreachable(A, B).Unreachable(C, B);

        var withoutA = table.RemoveObservers([A]);

        Assert.Equal([C], withoutA.Records.Select(r => r.Observer));
        Assert.Equal(1, withoutA.Versions[A]);
    }

    [Fact]
    public void The_nodes_one_observer_flags_are_listed_without_those_it_reaches_again()
    {
        var table = Reachability.Empty.Unreachable(A, C).Unreachable(B, C).Unreachable(A, B).Reachable(A, B);

        Assert.Equal([C], table.AllUnreachableOrTerminatedFrom(A));
        Assert.Equal([C], table.AllUnreachableOrTerminatedFrom(B));
        Assert.Empty(table.AllUnreachableOrTerminatedFrom(C));
    }

    [Fact]
    public void Records_newer_than_their_observer_version_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Reachability.From(
            [new ReachabilityRecord(A, B, ReachabilityStatus.Unreachable, 3)],
            [new KeyValuePair<UniqueAddress, long>(A, 2)]));
    }
}

namespace AkkaConvergence.Tests.Membership;

public class VectorClockTests
{
    private static VectorClock Clock(params (string Node, long Counter)[] entries) =>
        VectorClock.From(entries.Select(e => new KeyValuePair<string, long>(e.Node, e.Counter)));

    [Fact]
    public void Empty_clocks_are_the_same()
    {
        Assert.Equal(VectorClockOrdering.Same, VectorClock.Empty.CompareTo(VectorClock.Empty));
        Assert.True(VectorClock.Empty.IsSameAs(Clock()));
    }

    [Fact]
    public void Increment_starts_a_missing_entry_at_one_and_bumps_existing_ones()
    {
        var clock = VectorClock.Empty.Increment("a").Increment("b").Increment("a");

        Assert.Equal(2, clock.Versions["a"]);
        Assert.Equal(1, clock.Versions["b"]);
    }

    [Fact]
    public void A_clock_is_before_its_increment()
    {
        var earlier = Clock(("a", 1));
        var later = earlier.Increment("a");

        Assert.Equal(VectorClockOrdering.Before, earlier.CompareTo(later));
        Assert.Equal(VectorClockOrdering.After, later.CompareTo(earlier));
        Assert.True(earlier.IsBefore(later));
        Assert.True(later.IsAfter(earlier));
    }

    [Fact]
    public void An_entry_missing_on_one_side_counts_as_that_side_being_behind()
    {
        Assert.Equal(VectorClockOrdering.Before, Clock(("a", 1)).CompareTo(Clock(("a", 1), ("b", 1))));
        Assert.Equal(VectorClockOrdering.After, Clock(("a", 1), ("c", 1)).CompareTo(Clock(("a", 1))));
        Assert.Equal(VectorClockOrdering.Before, VectorClock.Empty.CompareTo(Clock(("z", 1))));
    }

    [Fact]
    public void Clocks_that_each_saw_something_new_are_concurrent()
    {
        var left = Clock(("a", 2), ("b", 1));
        var right = Clock(("a", 1), ("b", 2));

        Assert.Equal(VectorClockOrdering.Concurrent, left.CompareTo(right));
        Assert.True(left.IsConcurrentWith(right));
        Assert.Equal(VectorClockOrdering.Concurrent, Clock(("a", 1)).CompareTo(Clock(("b", 1))));
    }

    [Fact]
    public void Merge_takes_the_pointwise_maximum()
    {
        var merged = Clock(("a", 2), ("b", 1)).Merge(Clock(("b", 3), ("c", 1)));

        Assert.Equal(Clock(("a", 2), ("b", 3), ("c", 1)), merged);
    }

    [Fact]
    public void Prune_removes_one_entry()
    {
        Assert.Equal(Clock(("b", 1)), Clock(("a", 5), ("b", 1)).Prune("a"));
        Assert.Equal(Clock(("b", 1)), Clock(("b", 1)).Prune("zz"));
    }

    [Fact]
    public void Node_ids_are_ordered_ordinally()
    {
        var clock = Clock(("b", 1), ("B", 1), ("a", 1));

        Assert.Equal(["B", "a", "b"], clock.Versions.Keys);
    }

    [Fact]
    public void Equality_operators_mean_same_and_not_same()
    {
        var clock = Clock(("a", 1));

        Assert.True(clock == Clock(("a", 1)));
        Assert.True(clock != Clock(("a", 2)));
        Assert.False(clock != Clock(("a", 1)));
        Assert.Equal(clock.GetHashCode(), Clock(("a", 1)).GetHashCode());
    }

    [Fact]
    public void Counters_must_be_positive_and_ids_unique()
    {
        Assert.Throws<ArgumentException>(() => Clock(("a", 0)));
        Assert.Throws<ArgumentException>(() => Clock(("a", 1), ("a", 2)));
    }
}

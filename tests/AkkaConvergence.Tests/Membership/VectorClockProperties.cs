using FsCheck.Xunit;

namespace AkkaConvergence.Tests.Membership;

[Properties(Arbitrary = [typeof(ModelArbitraries)], MaxTest = 300)]
public class VectorClockProperties
{
    private static bool IsAtMost(VectorClock smaller, VectorClock larger) =>
        smaller.CompareTo(larger) is VectorClockOrdering.Same or VectorClockOrdering.Before;

    [Property]
    public bool Comparison_is_antisymmetric(VectorClock x, VectorClock y) =>
        x.CompareTo(y) == Flip(y.CompareTo(x));

    [Property]
    public bool Comparison_is_reflexive(VectorClock x) => x.CompareTo(x) == VectorClockOrdering.Same;

    [Property]
    public bool At_most_is_transitive(VectorClock x, VectorClock y, VectorClock z) =>
        !(IsAtMost(x, y) && IsAtMost(y, z)) || IsAtMost(x, z);

    [Property]
    public bool Merge_is_an_upper_bound(VectorClock x, VectorClock y)
    {
        var merged = x.Merge(y);
        return IsAtMost(x, merged) && IsAtMost(y, merged);
    }

    [Property]
    public bool Merge_is_the_least_upper_bound(VectorClock x, VectorClock y, VectorClock bound) =>
        !(IsAtMost(x, bound) && IsAtMost(y, bound)) || IsAtMost(x.Merge(y), bound);

    [Property]
    public bool Merge_is_commutative_and_idempotent(VectorClock x, VectorClock y) =>
        x.Merge(y) == y.Merge(x) && x.Merge(x) == x;

    [Property]
    public bool Equality_agrees_with_comparison_and_hash(VectorClock x, VectorClock y) =>
        (x == y) == (x.CompareTo(y) == VectorClockOrdering.Same) && (x != y || x.GetHashCode() == y.GetHashCode());

    [Property]
    public bool Increment_moves_strictly_after(VectorClock x) => x.Increment("b").IsAfter(x);

    private static VectorClockOrdering Flip(VectorClockOrdering ordering) => ordering switch
    {
        VectorClockOrdering.Before => VectorClockOrdering.After,
        VectorClockOrdering.After => VectorClockOrdering.Before,
        _ => ordering,
    };
}

using FsCheck.Xunit;

namespace AkkaConvergence.Tests.Membership;

[Properties(Arbitrary = [typeof(ModelArbitraries)], MaxTest = 500)]
public class MemberOrderingProperties
{
    [Property]
    public bool Ordering_is_consistent_with_equality(UniqueAddress x, UniqueAddress y) =>
        (x.CompareTo(y) == 0) == x.Equals(y) && (!x.Equals(y) || x.GetHashCode() == y.GetHashCode());

    [Property]
    public bool Ordering_is_antisymmetric(UniqueAddress x, UniqueAddress y) =>
        Math.Sign(x.CompareTo(y)) == -Math.Sign(y.CompareTo(x));

    [Property]
    public bool Ordering_is_transitive(UniqueAddress x, UniqueAddress y, UniqueAddress z) =>
        !(x.CompareTo(y) <= 0 && y.CompareTo(z) <= 0) || x.CompareTo(z) <= 0;

    [Property]
    public bool Member_ordering_follows_unique_address_ordering(UniqueAddress x, UniqueAddress y) =>
        Math.Sign(TestMembers.Joining(x).CompareTo(TestMembers.Up(y))) == Math.Sign(x.CompareTo(y));

    [Property]
    public bool Age_ordering_is_total_on_distinct_members(UniqueAddress x, UniqueAddress y) =>
        x.Equals(y) || Member.AgeOrdering.Compare(TestMembers.Up(x, 2), TestMembers.Up(y, 2)) != 0;
}

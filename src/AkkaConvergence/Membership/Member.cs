using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Membership;

namespace AkkaConvergence;

/// <summary>
/// One node incarnation as the cluster sees it: identity, status, roles and up-number.
/// Members are made by the cluster; equality is by <see cref="UniqueAddress"/> only.
/// </summary>
public sealed class Member : IComparable<Member>, IEquatable<Member>
{
    /// <summary>The up-number of a member that has never been Up.</summary>
    internal const int NotYetUp = int.MaxValue;

    private Member(UniqueAddress uniqueAddress, MemberStatus status, IImmutableSet<string> roles, int upNumber)
    {
        UniqueAddress = uniqueAddress;
        Status = status;
        Roles = roles;
        UpNumber = upNumber;
    }

    /// <summary>The incarnation this member stands for.</summary>
    public UniqueAddress UniqueAddress { get; }

    /// <summary>The member's actor-system address.</summary>
    public Address Address => UniqueAddress.Address;

    /// <summary>Where the member is in its lifecycle.</summary>
    public MemberStatus Status { get; }

    /// <summary>The roles the node was configured with (<c>akka.convergence.roles</c>).</summary>
    public IImmutableSet<string> Roles { get; }

    /// <summary>
    /// <see cref="int.MaxValue"/> until the member first becomes Up; then 1, 2, 3, … in the order
    /// members went Up (members moved Up in one round are numbered in address order).
    /// </summary>
    public int UpNumber { get; }

    /// <summary>Oldest first: lower up-number, then lower address for equal up-numbers.</summary>
    public static IComparer<Member> AgeOrdering { get; } = Comparer<Member>.Create(CompareAge);

    /// <summary>Host (ordinal, case kept), then port. Protocol and system name are ignored.</summary>
    public static IComparer<Address> AddressOrdering { get; } = Membership.AddressOrdering.Instance;

    /// <summary>True when the member has the role.</summary>
    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>
    /// True when this member went Up before <paramref name="other"/> (lower up-number); for equal
    /// up-numbers the lower address counts as older.
    /// </summary>
    public bool IsOlderThan(Member other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return UpNumber == other.UpNumber
            ? AddressOrdering.Compare(Address, other.Address) < 0
            : UpNumber < other.UpNumber;
    }

    /// <summary>Orders by <see cref="UniqueAddress"/>.</summary>
    public int CompareTo(Member? other) => other is null ? 1 : UniqueAddress.CompareTo(other.UniqueAddress);

    /// <summary>Equal when the unique addresses are equal; status and roles do not matter.</summary>
    public bool Equals(Member? other) => other is not null && UniqueAddress.Equals(other.UniqueAddress);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Member);

    /// <inheritdoc />
    public override int GetHashCode() => UniqueAddress.GetHashCode();

    /// <inheritdoc />
    public override string ToString() =>
        Roles.Count == 0
            ? $"Member({UniqueAddress}, {Status})"
            : $"Member({UniqueAddress}, {Status}, roles [{string.Join(",", Roles.OrderBy(r => r, StringComparer.Ordinal))}])";

    /// <summary>Equality by unique address.</summary>
    public static bool operator ==(Member? left, Member? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by unique address.</summary>
    public static bool operator !=(Member? left, Member? right) => !(left == right);

    /// <summary>Less than by unique address.</summary>
    public static bool operator <(Member left, Member right) => Compare(left, right) < 0;

    /// <summary>Greater than by unique address.</summary>
    public static bool operator >(Member left, Member right) => Compare(left, right) > 0;

    /// <summary>Less than or equal by unique address.</summary>
    public static bool operator <=(Member left, Member right) => Compare(left, right) <= 0;

    /// <summary>Greater than or equal by unique address.</summary>
    public static bool operator >=(Member left, Member right) => Compare(left, right) >= 0;

    /// <summary>A new member asking to join.</summary>
    internal static Member Joining(UniqueAddress node, IEnumerable<string> roles) =>
        new(node, MemberStatus.Joining, roles.ToImmutableHashSet(StringComparer.Ordinal), NotYetUp);

    /// <summary>A placeholder for a node that is not (or no longer) a member.</summary>
    internal static Member Removed(UniqueAddress node, IImmutableSet<string>? roles = null) =>
        new(node, MemberStatus.Removed, roles ?? ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal), NotYetUp);

    /// <summary>A member exactly as described (deserialization); the caller has validated the parts.</summary>
    internal static Member Restore(UniqueAddress node, MemberStatus status, IEnumerable<string> roles, int upNumber) =>
        new(node, status, roles.ToImmutableHashSet(StringComparer.Ordinal), upNumber);

    /// <summary>This member moved to <paramref name="status"/>; throws if the move is not allowed.</summary>
    internal Member WithStatus(MemberStatus status)
    {
        if (status == Status)
        {
            return this;
        }

        if (!MemberStatusTransitions.IsAllowed(Status, status))
        {
            throw new InvalidOperationException($"Invalid member status transition {Status} -> {status} for {UniqueAddress}.");
        }

        return new Member(UniqueAddress, status, Roles, UpNumber);
    }

    /// <summary>This member moved Up with the given up-number.</summary>
    internal Member MovedUp(int upNumber) => new(UniqueAddress, WithStatus(MemberStatus.Up).Status, Roles, upNumber);

    /// <summary>
    /// Of two copies of the same member, the one furthest along its lifecycle; for equal statuses
    /// the older copy. The result keeps the lowest up-number either copy carried, so that an
    /// up-number, once given, is never lost by a merge.
    /// </summary>
    internal static Member HighestPriorityOf(Member left, Member right)
    {
        if (!left.UniqueAddress.Equals(right.UniqueAddress))
        {
            throw new ArgumentException($"Cannot merge copies of different members {left.UniqueAddress} and {right.UniqueAddress}.");
        }

        var winner = left.Status == right.Status
            ? (left.UpNumber <= right.UpNumber ? left : right)
            : (MemberStatusTransitions.IsFurtherAlong(left.Status, right.Status) ? left : right);
        var upNumber = Math.Min(left.UpNumber, right.UpNumber);
        return upNumber == winner.UpNumber ? winner : new Member(winner.UniqueAddress, winner.Status, winner.Roles, upNumber);
    }

    /// <summary>Status and up-number equal too (equality alone compares identity only).</summary>
    internal bool IsSameStateAs(Member other) =>
        Equals(other) && Status == other.Status && UpNumber == other.UpNumber;

    private static int Compare(Member? left, Member? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private static int CompareAge(Member? left, Member? right)
    {
        if (ReferenceEquals(left, right))
        {
            return 0;
        }

        if (left is null)
        {
            return -1;
        }

        if (right is null)
        {
            return 1;
        }

        if (left.IsOlderThan(right))
        {
            return -1;
        }

        return right.IsOlderThan(left) ? 1 : left.UniqueAddress.Uid.CompareTo(right.UniqueAddress.Uid);
    }
}

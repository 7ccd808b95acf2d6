using Akka.Actor;
using AkkaConvergence.Membership;

namespace AkkaConvergence;

/// <summary>
/// One incarnation of a node: its Akka <see cref="Akka.Actor.Address"/> plus a uid that is random
/// per ActorSystem start. A node restarted on the same host and port is a new incarnation with a
/// new uid, and so a different member.
/// </summary>
/// <remarks>
/// Ordering is the member ordering used for leader choice and tie-breaks: host (ordinal), then
/// port, then uid. Equality needs both the address and the uid.
/// </remarks>
public sealed class UniqueAddress : IComparable<UniqueAddress>, IEquatable<UniqueAddress>
{
    private string? _clockNodeId;
    private int? _hashCode;

    /// <summary>Creates the identity of one node incarnation.</summary>
    /// <param name="address">The node's actor-system address (protocol, system, host, port).</param>
    /// <param name="uid">The incarnation's uid, random per ActorSystem start.</param>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    public UniqueAddress(Address address, long uid)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address;
        Uid = uid;
    }

    /// <summary>The node's actor-system address.</summary>
    public Address Address { get; }

    /// <summary>The incarnation's uid.</summary>
    public long Uid { get; }

    /// <summary>This incarnation's entry name in vector clocks (computed once).</summary>
    internal string ClockNodeId => _clockNodeId ??= VectorClockNodeId.Of(this);

    /// <summary>Orders by address (host ordinal, then port), then uid.</summary>
    public int CompareTo(UniqueAddress? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byAddress = Member.AddressOrdering.Compare(Address, other.Address);
        return byAddress != 0 ? byAddress : Uid.CompareTo(other.Uid);
    }

    /// <summary>True when both the address and the uid are equal.</summary>
    public bool Equals(UniqueAddress? other) =>
        other is not null && (ReferenceEquals(this, other) || (Uid == other.Uid && Address.Equals(other.Address)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as UniqueAddress);

    /// <inheritdoc />
    /// <remarks>Computed once: seen-sets, indexes and rings hash the same addresses again and again, and an address hashes its strings.</remarks>
    public override int GetHashCode() => _hashCode ??= HashCode.Combine(Uid, Address);

    /// <summary>The address followed by <c>#uid</c>, e.g. <c>akka.tcp://sys@127.0.0.1:4053#42</c>.</summary>
    public override string ToString() => $"{Address}#{Uid}";

    /// <summary>Equality by address and uid.</summary>
    public static bool operator ==(UniqueAddress? left, UniqueAddress? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by address and uid.</summary>
    public static bool operator !=(UniqueAddress? left, UniqueAddress? right) => !(left == right);

    /// <summary>Less than under the member ordering.</summary>
    public static bool operator <(UniqueAddress left, UniqueAddress right) => Compare(left, right) < 0;

    /// <summary>Greater than under the member ordering.</summary>
    public static bool operator >(UniqueAddress left, UniqueAddress right) => Compare(left, right) > 0;

    /// <summary>Less than or equal under the member ordering.</summary>
    public static bool operator <=(UniqueAddress left, UniqueAddress right) => Compare(left, right) <= 0;

    /// <summary>Greater than or equal under the member ordering.</summary>
    public static bool operator >=(UniqueAddress left, UniqueAddress right) => Compare(left, right) >= 0;

    private static int Compare(UniqueAddress? left, UniqueAddress? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}

using Akka.Actor;

namespace AkkaConvergence.Membership;

/// <summary>
/// Orders addresses by host (ordinal, case kept, null as empty), then port (null as 0).
/// Protocol and system name do not take part: a cluster has one system name, and the
/// order must be the same on every node whatever transport it runs on.
/// </summary>
internal sealed class AddressOrdering : IComparer<Address>
{
    public static readonly AddressOrdering Instance = new();

    private AddressOrdering()
    {
    }

    public int Compare(Address? x, Address? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byHost = string.CompareOrdinal(x.Host ?? string.Empty, y.Host ?? string.Empty);
        return byHost != 0 ? byHost : (x.Port ?? 0).CompareTo(y.Port ?? 0);
    }
}

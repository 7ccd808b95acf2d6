using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace AkkaConvergence.Membership;

/// <summary>The members' addresses in member order, made once per member set (which <see cref="SharedMemberSets"/> shares between views).</summary>
internal static class MemberAddresses
{
    private static readonly ConditionalWeakTable<ImmutableSortedSet<Member>, UniqueAddress[]> Lists = new();

    public static UniqueAddress[] Of(ImmutableSortedSet<Member> members) =>
        Lists.GetValue(members, set => set.Select(m => m.UniqueAddress).ToArray());
}

/// <summary>A list of addresses without the one at <paramref name="skipped"/> (none when it is negative), read in place.</summary>
internal sealed class MemberAddressesExcept(UniqueAddress[] all, int skipped) : IReadOnlyList<UniqueAddress>
{
    public int Count => skipped >= 0 ? all.Length - 1 : all.Length;

    public UniqueAddress this[int index] =>
        (uint)index < (uint)Count ? all[skipped >= 0 && index >= skipped ? index + 1 : index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<UniqueAddress> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

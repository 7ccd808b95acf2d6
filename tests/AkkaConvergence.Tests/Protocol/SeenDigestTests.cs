using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Tests.Protocol;

/// <summary>A seen digest reads the same whether its few entries are found through the member tree or by walking every member.</summary>
public class SeenDigestTests
{
    private static readonly Gossip Everyone = TestGossips.SeenByAll([.. Enumerable.Range(0, 200).Select(i => TestMembers.Up($"n{i:D3}", i + 1))]);

    public static TheoryData<int> SeenCounts() => [0, 1, 3, 6, 7, 100, 200];

    private static Gossip SeenBy(int count) =>
        Everyone.ClearSeen().MergeSeen(Everyone.Members.Select(m => m.UniqueAddress).Where((_, i) => i % 200 * 7 % 200 < count));

    /// <summary>The bits by definition: one per member, in member order, set when it has seen the version and is not known.</summary>
    private static ulong[] BitsOf(Gossip gossip, ISet<UniqueAddress> known)
    {
        var bits = new ulong[(gossip.Members.Count + 63) / 64];
        foreach (var (member, i) in gossip.Members.Select((m, i) => (m, i)))
        {
            if (gossip.HasSeen(member.UniqueAddress) && !known.Contains(member.UniqueAddress))
            {
                bits[i / 64] |= 1UL << (i % 64);
            }
        }

        return bits;
    }

    [Theory]
    [MemberData(nameof(SeenCounts))]
    public void A_digest_has_one_bit_per_member_that_has_seen_the_version_and_reads_back_as_its_seen_set(int count)
    {
        var gossip = SeenBy(count);

        var digest = SeenDigest.Of(gossip);

        Assert.Equal(count, gossip.Seen.Count);
        Assert.Equal(BitsOf(gossip, new HashSet<UniqueAddress>()), digest.Bits.ToArray());
        Assert.Equal(gossip.Members.Select(m => m.UniqueAddress).Where(gossip.HasSeen).ToList(), digest.SeenIn(gossip)!);
    }

    [Theory]
    [MemberData(nameof(SeenCounts))]
    public void What_another_node_lacks_is_the_seen_entries_it_did_not_list(int count)
    {
        var gossip = SeenBy(count);
        var known = gossip.Seen.Where((_, i) => i % 2 == 0).ToHashSet();

        var lacking = SeenDigest.Lacking(gossip, known);

        Assert.Equal(BitsOf(gossip, known), lacking.Bits.ToArray());
        Assert.Equal(gossip.Seen.Except(known).ToHashSet(), lacking.SeenIn(gossip)!.ToHashSet());
    }

    [Fact]
    public void Padding_bits_beyond_the_members_name_no_one()
    {
        var gossip = SeenBy(1);
        var bits = SeenDigest.Of(gossip).Bits.ToArray();
        bits[^1] |= 1UL << 63; // 200 members: bit 255 is padding.

        var seen = new SeenDigest(gossip.Members.Count, [.. bits]).SeenIn(gossip);

        Assert.Equal(gossip.Seen.ToList(), seen!);
    }
}

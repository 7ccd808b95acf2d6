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

    /// <summary>A seen-set of <paramref name="members"/> where every other member has seen (neither few nor nearly all).</summary>
    private static SeenDigest HalfSeen(int members)
    {
        var bits = new ulong[(members + 63) / 64];
        for (var i = 0; i < members; i += 2)
        {
            bits[i / 64] |= 1UL << (i % 64);
        }

        return new SeenDigest(members, [.. bits]);
    }

    private static int SetWordSpan(SeenDigest digest)
    {
        var words = digest.Bits.Select((word, i) => (word, i)).Where(w => w.word != 0).Select(w => w.i).ToList();
        return words.Count == 0 ? 0 : words[^1] - words[0] + 1;
    }

    [Theory]
    [InlineData(200)]
    [InlineData(6_144)] // 96 words: all of them fit.
    public void A_seen_set_that_fits_the_window_travels_whole(int members)
    {
        var digest = HalfSeen(members);

        Assert.Same(digest, digest.Window(anchor: 0, new Random(1)));
    }

    [Fact]
    public void A_seen_set_of_all_but_a_few_travels_whole_at_any_size()
    {
        var bits = Enumerable.Repeat(ulong.MaxValue, 157).ToArray();
        bits[^1] = (1UL << (10_000 % 64)) - 1;
        bits[40] &= ~1UL; // One member of 10,000 has not seen.
        var digest = new SeenDigest(10_000, [.. bits]);

        Assert.Same(digest, digest.Window(anchor: 5, new Random(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5_000)]
    [InlineData(9_998)]
    [InlineData(9_999)] // Not seen by this node: the window goes around some entry that is.
    public void A_large_seen_set_is_told_as_a_window_around_the_senders_own_entry(int anchor)
    {
        var digest = HalfSeen(10_000);

        for (var seed = 0; seed < 20; seed++)
        {
            var window = digest.Window(anchor, new Random(seed));

            Assert.Equal(digest.MemberCount, window.MemberCount);
            Assert.True(SetWordSpan(window) <= SeenDigest.WindowWords);
            Assert.True(window.Bits.Zip(digest.Bits).All(w => (w.First & ~w.Second) == 0), "the window names only members that have seen");
            Assert.InRange(window.Bits.Sum(w => System.Numerics.BitOperations.PopCount(w)), (SeenDigest.WindowWords - 1) * 32, SeenDigest.WindowWords * 32);
            if (anchor % 2 == 0)
            {
                Assert.NotEqual(0UL, window.Bits[anchor / 64] & (1UL << (anchor % 64)));
            }
        }
    }

    [Fact]
    public void Windows_drawn_again_cover_every_member_that_has_seen()
    {
        var digest = HalfSeen(10_000);
        var random = new Random(7);
        var covered = new ulong[digest.Bits.Length];

        for (var i = 0; i < 200; i++)
        {
            var window = digest.Window(anchor: -1, random);
            for (var w = 0; w < covered.Length; w++)
            {
                covered[w] |= window.Bits[w];
            }
        }

        Assert.Equal(digest.Bits.ToArray(), covered);
    }
}

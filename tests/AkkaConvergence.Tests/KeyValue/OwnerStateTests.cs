using AkkaConvergence.KeyValue;
using static AkkaConvergence.Tests.KeyValue.TestValues;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.KeyValue;

public class OwnerStateTests
{
    private static readonly UniqueAddress Owner = Node("owner");

    [Fact]
    public void Each_write_gets_the_next_version_and_a_deletion_is_a_tombstone_with_its_own()
    {
        var state = Written(("a", Text("1")), ("b", Text("2")), ("a", Text("3")), ("b", null));

        Assert.Equal(4, state.Watermark);
        Assert.Equal(3, state.Entries["a"].Version);
        Assert.True(state.Entries["b"].IsDeleted);
        Assert.Equal(4, state.Entries["b"].Version);
        Assert.Equal(1, state.LiveKeys);
    }

    [Fact]
    public void A_peers_delta_keeps_the_higher_version_of_each_key_and_moves_the_watermark()
    {
        var owner = Written(("a", Text("1")), ("b", Text("2")), ("a", Text("3")));
        var peer = Written(("a", Text("1")));

        var (next, changed) = peer.Apply(DeltaOf(Owner, owner, from: 1), nowMillis: 5);

        Assert.Equal(3, next.Watermark);
        Assert.Equal(Text("3"), next.Entries["a"].Value);
        Assert.Equal(Text("2"), next.Entries["b"].Value);
        Assert.Equal(["b", "a"], changed.ToArray());
        Assert.Equal(5, next.Entries["a"].ChangedAtMillis);
    }

    [Fact]
    public void Taking_the_same_delta_twice_changes_nothing_the_second_time()
    {
        var owner = Written(("a", Text("1")), ("b", Text("2")));
        var (once, _) = OwnerState.Empty.Apply(DeltaOf(Owner, owner, 0), 0);

        var (twice, changed) = once.Apply(DeltaOf(Owner, owner, 0), 9);

        Assert.Empty(changed);
        Assert.Equal(once.Entries, twice.Entries);
    }

    [Fact]
    public void A_delta_that_starts_beyond_the_watermark_is_taken_but_leaves_the_gap_open()
    {
        var owner = Written(("a", Text("1")), ("b", Text("2")), ("c", Text("3")));
        var gapped = new OwnerDelta(Owner, 2, 3, 0, [new DeltaEntry("c", 3, Text("3"))]);

        var (next, _) = OwnerState.Empty.Apply(gapped, 0);

        Assert.Equal(0, next.Watermark); // Writes 1 and 2 are still missing: the next delta must start at 0.
        Assert.True(next.Entries.ContainsKey("c"));
        var (filled, _) = next.Apply(DeltaOf(Owner, owner, 0), 0);
        Assert.Equal(3, filled.Watermark);
    }

    [Fact]
    public void A_complete_delta_removes_what_it_does_not_list_so_a_purged_deletion_still_takes_effect()
    {
        var stale = Written(("kept", Text("1")), ("deleted", Text("2")));
        var owner = Written(("kept", Text("1")), ("deleted", Text("2")), ("deleted", null)).PurgeTombstones(nowMillis: 10, graceMillis: 5);
        Assert.False(owner.Entries.ContainsKey("deleted"));
        Assert.Equal(3, owner.Horizon);

        var (next, changed) = stale.Apply(DeltaOf(Owner, owner, from: 2), 0); // Behind the horizon: the builder sends it all.

        Assert.False(next.Entries.ContainsKey("deleted"));
        Assert.Equal(["deleted"], changed.ToArray());
        Assert.Equal(3, next.Watermark);
        Assert.Equal(3, next.Horizon);
    }

    [Fact]
    public void An_old_complete_delta_never_undoes_newer_writes()
    {
        var owner = Written(("a", Text("1")));
        var newer = Written(("a", Text("1")), ("b", Text("2")));

        var (next, changed) = newer.Apply(DeltaOf(Owner, owner, 0), 0);

        Assert.Same(newer.Entries, next.Entries);
        Assert.Empty(changed);
    }

    [Fact]
    public void Tombstones_are_purged_only_after_the_grace_period()
    {
        var state = OwnerState.Empty.Write("a", Text("1"), 0).Write("a", null, 100);

        Assert.Same(state, state.PurgeTombstones(nowMillis: 1_099, graceMillis: 1_000));
        Assert.Equal(1_100, state.NextTombstoneExpiryAt(1_000));
        Assert.Empty(state.PurgeTombstones(nowMillis: 1_100, graceMillis: 1_000).Entries);
    }

    [Theory]
    [InlineData("ValueSize", 2_000, 1)]
    [InlineData("KeyCount", 10, 3)]
    [InlineData("TotalSize", 900, 2)]
    public void A_write_past_a_quota_is_refused_naming_it(string quotaName, int valueBytes, int existingKeys)
    {
        var quota = Enum.Parse<StateQuota>(quotaName);
        var limits = new StateLimits(MaxValueBytes: 1_024, MaxKeys: 3, MaxTotalBytes: 2_000, MaxMessageBytes: 64 * 1024, TombstoneGraceMillis: 1);
        var state = Enumerable.Range(0, existingKeys).Aggregate(OwnerState.Empty, (s, i) => s.Write($"k{i}", Of(valueBytes == 900 ? 900 : 10), 0));

        var violation = state.CheckWrite("new", Of(valueBytes), limits);

        Assert.Equal(quota, violation?.Quota);
        Assert.Contains("gossip-state.max-", violation!.Key, StringComparison.Ordinal);
        Assert.Null(state.CheckWrite("k0", Of(10), limits)); // Overwriting with a small value is within every quota.
    }
}

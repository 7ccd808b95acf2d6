using System.Collections.Immutable;
using AkkaConvergence.KeyValue;
using static AkkaConvergence.Tests.KeyValue.TestValues;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.KeyValue;

public class DeltaBuilderTests
{
    private static readonly UniqueAddress Busy = Node("busy");
    private static readonly UniqueAddress Sparse = Node("sparse");

    private static StateStore Store(params (UniqueAddress Owner, OwnerState State)[] owners) =>
        new(owners.ToImmutableDictionary(o => o.Owner, o => o.State));

    [Fact]
    public void A_peer_gets_only_the_writes_after_what_it_holds_in_version_order()
    {
        var store = Store((Busy, Written(("a", Text("1")), ("b", Text("2")), ("c", Text("3")), ("a", Text("4")))));

        var delta = DeltaBuilder.Build(store, [(Busy, 2)], 64 * 1024, 0).Single();

        Assert.Equal((2L, 4L), (delta.FromVersion, delta.ToVersion));
        Assert.Equal(["c", "a"], delta.Entries.Select(e => e.Key));
        Assert.Equal([3L, 4L], delta.Entries.Select(e => e.Version));
    }

    [Fact]
    public void An_owner_the_peer_is_not_behind_on_is_left_out()
    {
        var store = Store((Busy, Written(("a", Text("1")))));

        Assert.Empty(DeltaBuilder.Build(store, [(Busy, 1)], 64 * 1024, 0));
    }

    [Fact]
    public void A_peer_behind_the_tombstone_horizon_gets_the_complete_state_in_one_piece()
    {
        var owner = Written(("a", Text("1")), ("gone", Text("2")), ("gone", null), ("b", Text("3"))).PurgeTombstones(10, 1);
        var store = Store((Busy, owner));

        var delta = DeltaBuilder.Build(store, [(Busy, 2)], 64 * 1024, 0).Single();

        Assert.True(delta.IsComplete);
        Assert.Equal(3L, delta.Horizon);
        Assert.Equal(["a", "b"], delta.Entries.Select(e => e.Key).Order());
    }

    [Fact]
    public void Deltas_stay_within_the_budget_and_a_busy_owner_does_not_starve_a_sparse_one()
    {
        var busy = Enumerable.Range(0, 100).Aggregate(OwnerState.Empty, (s, i) => s.Write($"k{i}", Of(1_000), 0));
        var sparse = Written(("only", Text("1")));
        var store = Store((Busy, busy), (Sparse, sparse));

        for (var rotation = 0; rotation < 2; rotation++)
        {
            var deltas = DeltaBuilder.Build(store, [(Busy, 1), (Sparse, 0)], 20_000, rotation);

            Assert.Contains(deltas, d => d.Owner == Sparse && d.Entries.Length == 1);
            var busyPart = deltas.Single(d => d.Owner == Busy);
            Assert.InRange(busyPart.Entries.Sum(e => e.Value!.Length), 10_000, 20_000);
            Assert.Equal(busyPart.Entries[^1].Version, busyPart.ToVersion); // Cut where it stopped: the rest comes next.
        }
    }

    [Fact]
    public void What_did_not_fit_follows_in_the_next_delta_until_the_peer_holds_everything()
    {
        var owner = Enumerable.Range(0, 50).Aggregate(OwnerState.Empty, (s, i) => s.Write($"k{i}", Of(900), 0));
        var store = Store((Busy, owner));
        var peer = OwnerState.Empty.Write("k0", Of(900), 0); // Holds write 1 already.
        var messages = 0;

        while (peer.Watermark < owner.Watermark)
        {
            var delta = DeltaBuilder.Build(store, [(Busy, peer.Watermark)], 8_000, 0).Single();
            Assert.True(delta.Entries.Sum(e => DeltaBuilder.CostOf(e.Key, new StateEntry(e.Version, e.Value, 0))) <= 8_000);
            peer = peer.Apply(delta, 0).State;
            messages++;
        }

        Assert.InRange(messages, 6, 10);
        Assert.Equal(owner.Entries.Keys.Order(), peer.Entries.Keys.Order());
    }
}

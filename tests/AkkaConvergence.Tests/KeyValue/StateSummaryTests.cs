using System.Collections.Immutable;
using AkkaConvergence.KeyValue;
using static AkkaConvergence.Tests.KeyValue.TestValues;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.KeyValue;

public class StateSummaryTests
{
    private static StateStore Store(params (string Host, long Uid, int Writes)[] owners) => new(owners.ToImmutableDictionary(
        o => Node(o.Host, o.Uid),
        o => Enumerable.Range(0, o.Writes).Aggregate(OwnerState.Empty, (s, i) => s.Write("k", Text($"{i}"), 0))));

    [Fact]
    public void Equal_watermarks_give_equal_summaries_whatever_the_values_or_their_order()
    {
        Assert.Equal(Store(("a", 1, 3), ("b", 1, 2)).Summary, Store(("b", 1, 2), ("a", 1, 3)).Summary);
        Assert.Equal(Store(("a", 1, 3), ("c", 1, 0)).Summary, Store(("a", 1, 3)).Summary); // An owner with nothing written does not count.
        Assert.Equal(0UL, StateStore.Empty.Summary);
    }

    [Fact]
    public void A_different_watermark_owner_or_incarnation_gives_a_different_summary()
    {
        var summary = Store(("a", 1, 3), ("b", 1, 2)).Summary;

        Assert.NotEqual(summary, Store(("a", 1, 4), ("b", 1, 2)).Summary);
        Assert.NotEqual(summary, Store(("a", 2, 3), ("b", 1, 2)).Summary);
        Assert.NotEqual(summary, Store(("a", 1, 2), ("b", 1, 3)).Summary);
    }
}

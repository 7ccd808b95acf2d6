using System.Collections.Immutable;
using AkkaConvergence.Protocol.Downing;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol.Downing;

public class DowningStrategiesTests
{
    /// <summary>A view of Up members h1..hN (up-numbers in host order) with the given hosts unreachable.</summary>
    private static DowningView View(int members, params int[] unreachable) => ViewWithRoles(members, [], unreachable);

    private static DowningView ViewWithRoles(int members, (int Host, string Role)[] roles, int[] unreachable, string role = "")
    {
        var all = Enumerable.Range(1, members)
            .Select(i => TestMembers.Up($"h{i}", upNumber: i, roles: roles.Where(r => r.Host == i).Select(r => r.Role).ToArray()))
            .ToImmutableSortedSet();
        return new DowningView(all, unreachable.Select(i => Node($"h{i}")).ToImmutableSortedSet(), role);
    }

    [Theory]
    [InlineData(5, new[] { 4, 5 }, "DownUnreachable")]
    [InlineData(5, new[] { 2, 3, 4 }, "DownReachable")]
    [InlineData(4, new[] { 3, 4 }, "DownUnreachable")] // tie: h1 (lowest address) is on our side
    [InlineData(4, new[] { 1, 2 }, "DownReachable")]   // tie: h1 is on the other side
    public void Keep_majority_keeps_the_larger_side_and_the_lowest_address_on_a_tie(int members, int[] unreachable, string expected)
    {
        Assert.Equal(Enum.Parse<DowningDecisionKind>(expected), DowningStrategies.KeepMajority(View(members, unreachable)));
    }

    [Fact]
    public void Keep_majority_counts_only_members_with_the_role()
    {
        // Three of four nodes are unreachable, but only h1 and h2 have the role and h1 is ours.
        var view = ViewWithRoles(4, [(1, "db"), (2, "db")], [2, 3, 4], role: "db");

        Assert.Equal(DowningDecisionKind.DownUnreachable, DowningStrategies.KeepMajority(view));
        Assert.Equal(DowningDecisionKind.DownAll, DowningStrategies.KeepMajority(ViewWithRoles(2, [], [2], role: "none")));
    }

    [Theory]
    [InlineData(5, 3, new[] { 4, 5 }, "DownUnreachable")]
    [InlineData(5, 3, new[] { 3, 4, 5 }, "DownReachable")]
    [InlineData(6, 3, new[] { 6 }, "DownAll")] // more than 2 * quorum - 1 members
    public void Static_quorum_keeps_the_side_with_the_quorum(int members, int quorum, int[] unreachable, string expected)
    {
        Assert.Equal(Enum.Parse<DowningDecisionKind>(expected), DowningStrategies.StaticQuorum(View(members, unreachable), quorum));
    }

    [Theory]
    [InlineData(5, new[] { 3, 4, 5 }, true, "DownUnreachable")]  // oldest (h1) is on our side
    [InlineData(5, new[] { 1, 2 }, true, "DownReachable")]       // oldest is on the other side
    [InlineData(5, new[] { 2, 3, 4, 5 }, true, "DownReachable")] // oldest alone against four: down it
    [InlineData(5, new[] { 2, 3, 4, 5 }, false, "DownUnreachable")]
    [InlineData(5, new[] { 1 }, true, "DownUnreachable")]        // oldest alone on the other side
    [InlineData(2, new[] { 2 }, true, "DownUnreachable")]        // two nodes: keep the oldest
    public void Keep_oldest_keeps_the_side_with_the_oldest_unless_it_is_alone(int members, int[] unreachable, bool downIfAlone, string expected)
    {
        Assert.Equal(Enum.Parse<DowningDecisionKind>(expected), DowningStrategies.KeepOldest(View(members, unreachable), downIfAlone));
    }

    [Fact]
    public void Down_all_downs_everyone()
    {
        var settings = DowningSettings.Default with { Strategy = DowningStrategy.DownAll };

        Assert.Equal(DowningDecisionKind.DownAll, DowningStrategies.Decide(settings, View(3, 3)));
        Assert.Equal(3, DowningDecision.For(DowningDecisionKind.DownAll, View(3, 3)).NodesToDown.Count);
    }

    [Fact]
    public void Decisions_name_the_nodes_to_down()
    {
        var view = View(5, 4, 5);

        Assert.Equal([Node("h4"), Node("h5")], DowningDecision.For(DowningDecisionKind.DownUnreachable, view).NodesToDown);
        Assert.Equal([Node("h1"), Node("h2"), Node("h3")], DowningDecision.For(DowningDecisionKind.DownReachable, view).NodesToDown);
    }
}

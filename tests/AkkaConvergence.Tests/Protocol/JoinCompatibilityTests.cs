using System.Collections.Immutable;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Tests.Protocol;

public class JoinCompatibilityTests
{
    private static readonly CoreSettings Reference = CoreSettings.Default;

    [Fact]
    public void Nodes_with_the_reference_settings_agree()
    {
        Assert.Empty(Reference.Compatibility.ConflictsWith(Reference.Compatibility));
    }

    [Fact]
    public void Settings_that_may_differ_are_not_compared()
    {
        var other = Reference with
        {
            GossipInterval = TimeSpan.FromMilliseconds(300),
            Downing = Reference.Downing with { StableAfter = TimeSpan.FromSeconds(7) },
            FailureDetector = Reference.FailureDetector with { MonitoredByNrOfMembers = 3 },
        };

        Assert.Empty(Reference.Compatibility.ConflictsWith(other.Compatibility));
    }

    [Theory]
    [InlineData("downing strategy", "downing.strategy: joiner keep-oldest, cluster keep-majority")]
    [InlineData("downing role", "downing.role: joiner backend, cluster ")]
    [InlineData("failure detector", "failure-detector.kind: joiner phi-accrual, cluster lifeguard")]
    [InlineData("required signatures against none", "authentication: joiner required, cluster off")]
    public void A_joiner_that_differs_in_a_setting_the_cluster_must_share_is_named_with_both_values(string what, string expected)
    {
        var joiner = what switch
        {
            "downing strategy" => Reference with { Downing = Reference.Downing with { Strategy = DowningStrategy.KeepOldest } },
            "downing role" => Reference with { Downing = Reference.Downing with { Role = "backend" } },
            "failure detector" => Reference with { FailureDetector = Reference.FailureDetector with { Kind = FailureDetectorKind.PhiAccrual } },
            _ => Reference with { SignsMessages = true, RequiresSignatures = true },
        };

        var conflicts = Reference.Compatibility.ConflictsWith(joiner.Compatibility);

        Assert.Equal([expected], conflicts);
    }

    [Fact]
    public void Strategy_parameters_are_compared_only_between_nodes_of_that_strategy()
    {
        var quorum3 = Reference with { Downing = Reference.Downing with { Strategy = DowningStrategy.StaticQuorum, QuorumSize = 3 } };
        var quorum4 = quorum3 with { Downing = quorum3.Downing with { QuorumSize = 4 } };
        var oldest = Reference with { Downing = Reference.Downing with { Strategy = DowningStrategy.KeepOldest, DownIfAlone = true } };
        var oldestStaying = oldest with { Downing = oldest.Downing with { DownIfAlone = false } };

        Assert.Equal(["downing.static-quorum.quorum-size: joiner 4, cluster 3"], quorum3.Compatibility.ConflictsWith(quorum4.Compatibility));
        Assert.Equal(["downing.keep-oldest.down-if-alone: joiner off, cluster on"], oldest.Compatibility.ConflictsWith(oldestStaying.Compatibility));
        Assert.Equal(["downing.strategy: joiner keep-oldest, cluster keep-majority"], Reference.Compatibility.ConflictsWith(oldestStaying.Compatibility));
    }

    /// <summary>Authentication switched on in a running cluster passes off → optional → required; only required next to off can never talk.</summary>
    [Theory]
    [InlineData(false, false, false, false, true)]
    [InlineData(false, false, true, false, true)]
    [InlineData(true, false, true, true, true)]
    [InlineData(true, true, true, true, true)]
    [InlineData(false, false, true, true, false)]
    [InlineData(true, true, false, false, false)]
    public void Authentication_conflicts_only_where_one_side_requires_what_the_other_never_sends(bool clusterSigns, bool clusterRequires, bool joinerSigns, bool joinerRequires, bool compatible)
    {
        var cluster = Reference with { SignsMessages = clusterSigns, RequiresSignatures = clusterRequires };
        var joiner = Reference with { SignsMessages = joinerSigns, RequiresSignatures = joinerRequires };

        Assert.Equal(compatible, cluster.Compatibility.ConflictsWith(joiner.Compatibility).IsEmpty);
        Assert.Equal(compatible, joiner.Compatibility.ConflictsWith(cluster.Compatibility).IsEmpty);
    }

    [Fact]
    public void A_key_only_one_side_knows_is_no_conflict_but_a_missing_or_other_protocol_version_is()
    {
        var mine = Reference.Compatibility;
        var newer = new JoinCompatibility(mine.Settings.Add("gossip.future-feature", "on"));
        var otherVersion = new JoinCompatibility(mine.Settings.SetItem(JoinCompatibility.ProtocolVersionKey, "99"));
        var noVersion = new JoinCompatibility(mine.Settings.Remove(JoinCompatibility.ProtocolVersionKey));

        Assert.Empty(mine.ConflictsWith(newer));
        Assert.Equal(["protocol-version: joiner 99, cluster 1"], mine.ConflictsWith(otherVersion));
        Assert.Equal(["protocol-version: joiner none, cluster 1"], mine.ConflictsWith(noVersion));
    }

    [Fact]
    public void A_joiner_claiming_thousands_of_conflicting_keys_gets_a_bounded_answer()
    {
        var mine = new JoinCompatibility(Enumerable.Range(0, 5_000).ToImmutableSortedDictionary(i => $"key{i:D4}", _ => "a", StringComparer.Ordinal)
            .Add(JoinCompatibility.ProtocolVersionKey, "1"));
        var theirs = new JoinCompatibility(mine.Settings.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Key == JoinCompatibility.ProtocolVersionKey ? "1" : "b", StringComparer.Ordinal));

        Assert.Equal(JoinCompatibility.MaxConflictsReported, mine.ConflictsWith(theirs).Count);
    }
}

using AkkaConvergence.Membership;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;

namespace AkkaConvergence.Tests.Membership;

public class GossipProperties
{
    private static Arbitrary<Gossip> Gossips => ModelArbitraries.Gossips;

    [Property(MaxTest = 300)]
    public Property Generated_gossips_are_well_formed() =>
        Prop.ForAll(Gossips, g => g.FindInvariantViolations().Count == 0);

    [Property(MaxTest = 300)]
    public Property Merge_is_commutative() =>
        Prop.ForAll(Gossips, Gossips, (a, b) => a.Merge(b).IsSameStateAs(b.Merge(a)));

    [Property(MaxTest = 300)]
    public Property Merge_is_associative() =>
        Prop.ForAll(Gossips, Gossips, Gossips, (a, b, c) => a.Merge(b).Merge(c).IsSameStateAs(a.Merge(b.Merge(c))));

    [Property(MaxTest = 300)]
    public Property Merge_is_idempotent_apart_from_the_cleared_seen_set() =>
        Prop.ForAll(Gossips, a => a.Merge(a).IsSameStateAs(a.ClearSeen()));

    [Property(MaxTest = 300)]
    public Property Merge_of_well_formed_gossips_is_well_formed() =>
        Prop.ForAll(Gossips, Gossips, (a, b) => a.Merge(b).FindInvariantViolations().Count == 0);

    [Property(MaxTest = 200)]
    public Property A_member_status_never_moves_backward_through_any_sequence_of_merges() =>
        Prop.ForAll(Gossips.Generator.ListOf().Select(l => l.ToArray()).ToArbitrary(), gossips =>
        {
            var merged = Gossip.Empty;
            foreach (var gossip in gossips)
            {
                var before = merged;
                merged = merged.Merge(gossip);
                foreach (var member in merged.Members)
                {
                    var rank = MemberStatusTransitions.Rank(member.Status);
                    if ((before.TryGetMember(member.UniqueAddress, out var old) && MemberStatusTransitions.Rank(old.Status) > rank)
                        || (gossip.TryGetMember(member.UniqueAddress, out var incoming) && MemberStatusTransitions.Rank(incoming.Status) > rank))
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Property(MaxTest = 300)]
    public Property A_tombstoned_member_never_comes_back() =>
        Prop.ForAll(Gossips, Gossips, (a, b) =>
        {
            var merged = a.Merge(b);
            return merged.Tombstones.Keys.All(node => !merged.HasMember(node)
                                                     && !merged.Version.Versions.ContainsKey(node.ClockNodeId));
        });
}

using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Simulation;

/// <summary>
/// The protocol's safety properties, checked after every step that changed a node's view:
/// statuses never move backward, removed members never come back, nobody is Up without a leader
/// having seen convergence, converged nodes on one version agree on the leader, and every gossip
/// is well formed.
/// </summary>
internal sealed class InvariantChecker
{
    private readonly Dictionary<UniqueAddress, Dictionary<UniqueAddress, int>> _highestRankSeenBy = [];
    private readonly Dictionary<UniqueAddress, HashSet<UniqueAddress>> _removedSeenBy = [];
    private readonly HashSet<UniqueAddress> _movedUpWithConvergence = [];
    private readonly Dictionary<VectorClock, UniqueAddress?> _leaderOfConvergedVersion = [];
    private readonly bool _checkGossipShape;

    public InvariantChecker(bool checkGossipShape)
    {
        _checkGossipShape = checkGossipShape;
    }

    /// <summary>Called by the simulator when a leader applies Up moves while converged (the only legal way to Up).</summary>
    public void RecordMovedUp(IEnumerable<UniqueAddress> nodes) => _movedUpWithConvergence.UnionWith(nodes);

    /// <summary>Returns the first violation in <paramref name="previous"/> → <paramref name="current"/> of one node, or null.</summary>
    public string? Check(CoreState previous, CoreState current)
    {
        var gossip = current.Gossip;
        if (ReferenceEquals(previous.Gossip, gossip))
        {
            return null;
        }

        var self = current.Self;
        if (_checkGossipShape && gossip.FindInvariantViolations() is { Count: > 0 } shape)
        {
            return $"malformed gossip: {string.Join("; ", shape)}";
        }

        var highest = GetOrAdd(_highestRankSeenBy, self, () => new Dictionary<UniqueAddress, int>());
        var removed = GetOrAdd(_removedSeenBy, self, () => new HashSet<UniqueAddress>());
        removed.UnionWith(gossip.Tombstones.Keys);
        foreach (var member in previous.Gossip.Members.Where(m => !gossip.HasMember(m.UniqueAddress)))
        {
            removed.Add(member.UniqueAddress);
        }

        foreach (var member in gossip.Members)
        {
            var node = member.UniqueAddress;
            var rank = MemberStatusTransitions.Rank(member.Status);
            if (highest.TryGetValue(node, out var before) && rank < before)
            {
                return $"{node} moved backward to {member.Status}";
            }

            highest[node] = rank;
            if (removed.Contains(node))
            {
                return $"removed member {node} reappeared as {member.Status}";
            }

            if (member.Status == MemberStatus.Up && !_movedUpWithConvergence.Contains(node))
            {
                return $"{node} is Up but no leader moved it Up with convergence";
            }
        }

        if (current.IsConverged && current.Membership.SelfMember.Status is MemberStatus.Up or MemberStatus.Leaving)
        {
            var leader = current.Membership.Leader;
            if (_leaderOfConvergedVersion.TryGetValue(gossip.Version, out var agreed))
            {
                if (agreed != leader)
                {
                    return $"converged on {gossip.Version} with leader {leader}, another node converged on it with leader {agreed}";
                }
            }
            else
            {
                _leaderOfConvergedVersion[gossip.Version] = leader;
            }
        }

        return null;
    }

    private static TValue GetOrAdd<TKey, TValue>(Dictionary<TKey, TValue> map, TKey key, Func<TValue> create)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var value))
        {
            value = create();
            map[key] = value;
        }

        return value;
    }
}

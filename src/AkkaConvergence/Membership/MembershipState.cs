using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace AkkaConvergence.Membership;

/// <summary>
/// The latest gossip as one node sees it: the rules that depend on who "self" is —
/// convergence, leader, role leaders and valid gossip targets.
/// </summary>
internal sealed class MembershipState
{
    private Reachability? _reachabilityExcludingDownedObservers;
    private UniqueAddress? _leader;
    private bool _leaderKnown;
    private IReadOnlyList<UniqueAddress>? _validGossipTargets;
    private int? _upOrLeavingCount;

    private static readonly ConditionalWeakTable<ImmutableSortedSet<Member>, StrongBox<UniqueAddress?>> LeadersOfSets = new();

    /// <summary>How many earlier versions a node keeps as the basis of deltas: a change or two in flight, and the version before them.</summary>
    public const int RecentVersionsKept = 3;

    public MembershipState(UniqueAddress self, Gossip latestGossip, ImmutableList<Gossip>? recentVersions = null)
    {
        Self = self;
        LatestGossip = latestGossip;
        RecentVersions = recentVersions ?? [];
    }

    public UniqueAddress Self { get; }

    public Gossip LatestGossip { get; }

    public ImmutableSortedSet<Member> Members => LatestGossip.Members;

    /// <summary>Self's member, or a Removed placeholder when self is not a member.</summary>
    public Member SelfMember => LatestGossip.GetMember(Self);

    /// <summary>
    /// The reachability table without rows made by Down members: a Down node's observations
    /// must not keep the rest of the cluster from converging.
    /// </summary>
    public Reachability ReachabilityExcludingDownedObservers =>
        _reachabilityExcludingDownedObservers ??= LatestGossip.Reachability.IsEmpty
            ? LatestGossip.Reachability
            : LatestGossip.Reachability.RemoveObservers(Members.Where(m => m.Status == MemberStatus.Down).Select(m => m.UniqueAddress));

    /// <summary>
    /// The versions this node held before the latest, newest first, without their seen-sets: a
    /// member of one of them most likely still holds it, so it can be sent a <c>GossipDelta</c>
    /// from it instead of the whole gossip. They share almost all of their members with the latest
    /// version (immutable trees), so keeping them costs little; a seen-set is a tree of its own (up
    /// to N entries) that no delta needs, and at 10,000 simulated nodes three of them per node
    /// were gigabytes.
    /// </summary>
    public ImmutableList<Gossip> RecentVersions { get; }

    /// <summary>The next view; the latest gossip joins the recent versions when the clock moves on (not for seen-set updates).</summary>
    public MembershipState WithGossip(Gossip gossip)
    {
        var previous = LatestGossip;
        if (ReferenceEquals(previous.Version, gossip.Version) || previous.Members.IsEmpty || previous.Version.IsSameAs(gossip.Version))
        {
            return new MembershipState(Self, gossip, RecentVersions).KeepingViewOf(this);
        }

        var recent = RecentVersions.Insert(0, previous.ClearSeen());
        return new MembershipState(Self, gossip, recent.Count > RecentVersionsKept ? recent.RemoveAt(RecentVersionsKept) : recent).KeepingViewOf(this);
    }

    /// <summary>
    /// Takes over <paramref name="earlier"/>'s leader, gossip targets, filtered reachability and
    /// count of Up and Leaving members when this state has the same members and reachability (most
    /// new states only add to the seen-set): each is O(N) to compute, and was computed again after
    /// every acknowledgement and reply (at 10,000 simulated nodes, a large share of the run).
    /// </summary>
    private MembershipState KeepingViewOf(MembershipState earlier)
    {
        if (ReferenceEquals(LatestGossip.Members, earlier.LatestGossip.Members) && ReferenceEquals(LatestGossip.Reachability, earlier.LatestGossip.Reachability))
        {
            _reachabilityExcludingDownedObservers = earlier._reachabilityExcludingDownedObservers;
            (_leader, _leaderKnown) = (earlier._leader, earlier._leaderKnown);
            _validGossipTargets = earlier._validGossipTargets;
            _upOrLeavingCount = earlier._upOrLeavingCount;
        }

        return this;
    }

    /// <summary>
    /// Convergence: every Up or Leaving member has seen this version (or has confirmed its
    /// exit), and every member that some non-Down observer marks unreachable is Down or Exiting.
    /// Self is skipped in the reachability part: a node never blocks its own convergence.
    /// </summary>
    public bool IsConverged(IReadOnlySet<UniqueAddress> exitingConfirmed)
    {
        if (LatestGossip.Seen.Count + exitingConfirmed.Count < UpOrLeavingCount)
        {
            return false; // Some Up or Leaving member has neither seen it nor confirmed its exit: O(1) while a version spreads.
        }

        foreach (var node in ReachabilityExcludingDownedObservers.AllUnreachableOrTerminated)
        {
            if (node != Self && !exitingConfirmed.Contains(node)
                && LatestGossip.GetMember(node).Status is not (MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed))
            {
                return false;
            }
        }

        foreach (var member in Members)
        {
            if (member.Status is MemberStatus.Up or MemberStatus.Leaving
                && !LatestGossip.HasSeen(member.UniqueAddress)
                && !exitingConfirmed.Contains(member.UniqueAddress))
            {
                return false;
            }
        }

        return true;
    }

    public bool IsConverged() => IsConverged(ImmutableHashSet<UniqueAddress>.Empty);

    /// <summary>How many members are Up or Leaving: the ones that must have seen a version for convergence.</summary>
    private int UpOrLeavingCount => _upOrLeavingCount ??= Members.Count(m => m.Status is MemberStatus.Up or MemberStatus.Leaving);

    /// <summary>The leader: see <see cref="LeaderOf"/> over all members (computed once per state).</summary>
    public UniqueAddress? Leader
    {
        get
        {
            if (!_leaderKnown)
            {
                // With nobody unreachable the leader does not depend on who asks: once per member set.
                _leader = LatestGossip.Reachability.IsEmpty
                    ? LeadersOfSets.GetValue(Members, members => new StrongBox<UniqueAddress?>(LeaderOf(members))).Value
                    : LeaderOf(Members);
                _leaderKnown = true;
            }

            return _leader;
        }
    }

    public bool IsLeader => Leader == Self;

    /// <summary>The leader among members with <paramref name="role"/>.</summary>
    public UniqueAddress? RoleLeader(string role) => LeaderOf(Members.Where(m => m.HasRole(role)));

    /// <summary>Every role any member has, in ordinal order.</summary>
    public ImmutableSortedSet<string> AllRoles =>
        Members.SelectMany(m => m.Roles).ToImmutableSortedSet(StringComparer.Ordinal);

    /// <summary>
    /// The first member in address order that is not Down, is reachable (self always counts as
    /// reachable) and is Up or Leaving. Without such a member, the best of the rest by status
    /// (WeaklyUp, then Joining, then Exiting), so that a cluster of joiners still has a leader.
    /// </summary>
    public UniqueAddress? LeaderOf(IEnumerable<Member> members)
    {
        var reachability = ReachabilityExcludingDownedObservers;
        var candidates = members
            .Where(m => m.Status != MemberStatus.Down
                        && (reachability.IsEmpty || m.UniqueAddress == Self || reachability.IsReachable(m.UniqueAddress)))
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var leader = candidates.FirstOrDefault(m => m.Status is MemberStatus.Up or MemberStatus.Leaving)
                     ?? candidates.OrderBy(m => LeaderFallbackRank(m.Status)).ThenBy(m => m).First();
        return leader.UniqueAddress;
    }

    /// <summary>
    /// A node self may gossip to: a member other than self that self does not itself mark
    /// unreachable (self keeps gossiping with nodes that only others suspect).
    /// </summary>
    public bool IsValidGossipTarget(UniqueAddress node) =>
        node != Self && LatestGossip.HasMember(node) && LatestGossip.Reachability.IsReachable(Self, node);

    /// <summary>
    /// The members self may gossip to, in member order (computed once per state). When self marks
    /// no one unreachable that is every member but self: a view of the member set's address list,
    /// which is made once per member set, not a list of N per node and version.
    /// </summary>
    public IReadOnlyList<UniqueAddress> ValidGossipTargets =>
        _validGossipTargets ??= LatestGossip.HasMember(Self) && LatestGossip.Reachability.AllUnreachableOrTerminatedFrom(Self).IsEmpty
            ? new MemberAddressesExcept(MemberAddresses.Of(Members), Members.IndexOf(SelfMember))
            : Members.Select(m => m.UniqueAddress).Where(IsValidGossipTarget).ToList();

    /// <summary>Members that the (Down-observer-filtered) table marks unreachable, never self.</summary>
    public IEnumerable<Member> UnreachableMembers =>
        ReachabilityExcludingDownedObservers.AllUnreachableOrTerminated
            .Where(node => node != Self && LatestGossip.HasMember(node))
            .Select(LatestGossip.GetMember);

    private static int LeaderFallbackRank(MemberStatus status) => status switch
    {
        MemberStatus.Up or MemberStatus.Leaving => 0,
        MemberStatus.WeaklyUp => 1,
        MemberStatus.Joining => 2,
        MemberStatus.Exiting => 3,
        _ => 4,
    };
}

using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol;

/// <summary>
/// Which earlier version another node holds, so that it can be sent a <see cref="GossipDelta"/>
/// from it: known exactly when it told us its clock's fingerprint (a status), likely when it
/// had seen one of our recent versions. A wrong guess costs one small delta and the request the
/// receiver answers it with; then the whole gossip goes.
/// </summary>
internal static class DeltaBasis
{
    /// <summary>
    /// The newest recent version <paramref name="node"/> was a member of, or none: a node that is
    /// in none of them joined since, and needs it all. Not the newest it is known to have seen:
    /// the leader changes a version only once everyone has seen it, so a member most likely holds
    /// the version before the latest, though our copy of that version may not record that it saw it.
    /// A joiner that is in the latest version only was welcomed with the version that admitted it,
    /// which is then the latest: it gets the (empty) delta from there. Its whole gossip went three
    /// times per join instead (the welcome and two pushes: 3% of a join's bytes at 1,000 members).
    /// </summary>
    public static Gossip? Likely(MembershipState membership, UniqueAddress node)
    {
        foreach (var version in membership.RecentVersions)
        {
            if (version.HasMember(node))
            {
                return version;
            }
        }

        var latest = membership.LatestGossip;
        return latest.TryGetMember(node, out var member) && member.Status == MemberStatus.Joining ? latest : null;
    }

    /// <summary>Our copy of the version whose clock has the fingerprint <paramref name="version"/> (<see cref="GossipFingerprint.OfVersion"/>), if we still keep it.</summary>
    public static Gossip? Exact(MembershipState membership, ulong version)
    {
        foreach (var recent in membership.RecentVersions)
        {
            if (GossipFingerprint.OfVersion(recent.Version) == version)
            {
                return recent;
            }
        }

        return null;
    }
}

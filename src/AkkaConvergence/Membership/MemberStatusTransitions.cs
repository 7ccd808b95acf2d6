namespace AkkaConvergence.Membership;

/// <summary>
/// Which status moves are allowed, and which status is "furthest along" when two copies of one
/// member meet in a merge. The rank below is consistent with the allowed table: every allowed
/// move goes to a higher rank, so taking the highest rank can never move a member backward.
/// </summary>
internal static class MemberStatusTransitions
{
    public static bool IsAllowed(MemberStatus from, MemberStatus to) => from switch
    {
        MemberStatus.Joining => to is MemberStatus.WeaklyUp or MemberStatus.Up or MemberStatus.Leaving
            or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.WeaklyUp => to is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Down
            or MemberStatus.Removed,
        MemberStatus.Up => to is MemberStatus.Leaving or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.Leaving => to is MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.Exiting => to is MemberStatus.Removed or MemberStatus.Down,
        MemberStatus.Down => to is MemberStatus.Removed,
        _ => false,
    };

    /// <summary>Position in the lifecycle: Joining 0, WeaklyUp 1, Up 2, Leaving 3, Exiting 4, Down 5, Removed 6.</summary>
    public static int Rank(MemberStatus status) => status switch
    {
        MemberStatus.Joining => 0,
        MemberStatus.WeaklyUp => 1,
        MemberStatus.Up => 2,
        MemberStatus.Leaving => 3,
        MemberStatus.Exiting => 4,
        MemberStatus.Down => 5,
        MemberStatus.Removed => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown member status."),
    };

    public static bool IsFurtherAlong(MemberStatus candidate, MemberStatus than) => Rank(candidate) > Rank(than);
}

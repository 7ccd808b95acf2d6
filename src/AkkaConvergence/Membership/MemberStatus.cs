namespace AkkaConvergence;

/// <summary>
/// The lifecycle of a member. A member moves Joining → (WeaklyUp) → Up → Leaving → Exiting →
/// Removed, or to Down and then Removed; it never moves backward.
/// </summary>
public enum MemberStatus
{
    /// <summary>Asked to join; not yet moved Up by the leader.</summary>
    Joining,

    /// <summary>Joined while the cluster could not converge; usable but not yet Up.</summary>
    WeaklyUp,

    /// <summary>A full member.</summary>
    Up,

    /// <summary>Asked to leave; the leader will move it to Exiting.</summary>
    Leaving,

    /// <summary>Leaving, confirmed by the leader; about to be removed.</summary>
    Exiting,

    /// <summary>Marked as down (crashed or decided by a downing strategy); about to be removed.</summary>
    Down,

    /// <summary>No longer a member. Never stored inside a gossip; seen only in events and placeholders.</summary>
    Removed,
}

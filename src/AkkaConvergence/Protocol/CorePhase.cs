namespace AkkaConvergence.Protocol;

/// <summary>Where one node is in its membership lifetime.</summary>
internal enum CorePhase
{
    /// <summary>Not joined and not trying to.</summary>
    Uninitialized,

    /// <summary>Running the seed-node handshake or waiting for a Welcome.</summary>
    Joining,

    /// <summary>A member with a gossip of its own.</summary>
    Initialized,

    /// <summary>Removed, downed or exited: the membership of this incarnation has ended.</summary>
    Terminated,
}

namespace AkkaConvergence.Actors;

/// <summary>Why a convergence actor refused a message before any protocol rule saw it.</summary>
internal enum RefusalReason
{
    /// <summary>A local request without this process's proof: something outside the extension (e.g. a peer) tried to command this node.</summary>
    UnprovenLocalRequest,

    /// <summary>A peer message that did not come through the convergence serializer.</summary>
    UnprovenInbound,

    /// <summary>A message of a kind the actor does not take at all.</summary>
    UnknownMessage,

    /// <summary>Peer bytes the serializer could not read: corrupt, truncated, foreign, or from an incompatible version.</summary>
    Undecodable,

    /// <summary>A peer message labelled for another cluster (<c>cluster-label</c>).</summary>
    WrongClusterLabel,

    /// <summary>A peer message without a signature, although this node's keyring requires one.</summary>
    Unsigned,

    /// <summary>A peer message signed with no key of this node's keyring (or changed in transit).</summary>
    InvalidSignature,

    /// <summary>Parts of a large message that do not fit together (another count or manifest, or past the largest frame): the frame is dropped.</summary>
    MalformedParts,

    /// <summary>A large message given up unfinished: its remaining parts did not come before the sender's next, in time, or in the room kept for parts.</summary>
    AbandonedParts,
}

namespace AkkaConvergence.Wire;

/// <summary>Why the convergence serializer would not hand a peer's bytes to the cluster.</summary>
internal enum WireRefusal
{
    /// <summary>Not a frame this build can read: corrupt, truncated, foreign, or from an incompatible version.</summary>
    Undecodable,

    /// <summary>A frame from another cluster: its label differs from <c>cluster-label</c>.</summary>
    WrongClusterLabel,

    /// <summary>No signature, and this node's keyring requires one.</summary>
    Unsigned,

    /// <summary>A signature no key of this node's keyring made (another key, or bytes changed in transit).</summary>
    InvalidSignature,
}

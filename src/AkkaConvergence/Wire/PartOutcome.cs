namespace AkkaConvergence.Wire;

/// <summary>What became of one part given to <see cref="PartAssembly.Add"/>.</summary>
internal enum PartOutcome
{
    /// <summary>Kept; its frame still lacks parts.</summary>
    Buffered,

    /// <summary>The last part: <see cref="PartAssemblyStep.Frame"/> is the whole frame.</summary>
    Completed,

    /// <summary>A part already held (a resend): ignored.</summary>
    Duplicate,

    /// <summary>A part of the frame being assembled that names another count or manifest: the frame is dropped.</summary>
    Mismatched,

    /// <summary>The frame would grow past <see cref="PartAssembly.MaxFrameBytes"/>: the frame is dropped.</summary>
    TooLarge,
}

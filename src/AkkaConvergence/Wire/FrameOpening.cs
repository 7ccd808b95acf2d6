namespace AkkaConvergence.Wire;

/// <summary>What <see cref="WireFrame.Open"/> found: where the payload lies, or why the frame is refused.</summary>
internal readonly record struct FrameOpening(bool IsAccepted, int PayloadOffset, int PayloadLength, WireRefusal Refusal, string Detail)
{
    public static FrameOpening Accept(int offset, int length) => new(true, offset, length, default, string.Empty);

    public static FrameOpening Refuse(WireRefusal reason, string detail) => new(false, 0, 0, reason, detail);
}

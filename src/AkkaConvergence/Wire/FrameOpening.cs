namespace AkkaConvergence.Wire;

/// <summary>
/// What <see cref="WireFrame.Open"/> found: where the payload lies (in the frame, or in
/// <see cref="Decompressed"/> when it was compressed), or why the frame is refused.
/// </summary>
internal readonly record struct FrameOpening(bool IsAccepted, int PayloadOffset, int PayloadLength, WireRefusal Refusal, string Detail, byte[]? Decompressed = null)
{
    public static FrameOpening Accept(int offset, int length) => new(true, offset, length, default, string.Empty);

    public static FrameOpening AcceptDecompressed(byte[] payload, int length) => new(true, 0, length, default, string.Empty, payload);

    public static FrameOpening Refuse(WireRefusal reason, string detail) => new(false, 0, 0, reason, detail);

    /// <summary>The bytes <see cref="PayloadOffset"/> and <see cref="PayloadLength"/> refer to.</summary>
    public byte[] PayloadOf(byte[] frame) => Decompressed ?? frame;
}

using System.Collections.Immutable;

namespace AkkaConvergence.Wire;

/// <summary>The parts of one frame received so far.</summary>
internal sealed record PendingFrame(long Transfer, int Count, string Manifest, ImmutableArray<byte[]?> Parts, int Received, long Bytes, long StartedMillis)
{
    public static PendingFrame Start(WirePart part, long nowMillis) =>
        new(part.Transfer, part.Count, part.Manifest, [.. new byte[]?[part.Count]], 0, 0, nowMillis);

    public PendingFrame With(WirePart part) =>
        this with { Parts = Parts.SetItem(part.Index, part.Bytes), Received = Received + 1, Bytes = Bytes + part.Bytes.Length };

    /// <summary>The frame; only when every part is here.</summary>
    public byte[] Joined()
    {
        var frame = new byte[Bytes];
        var position = 0;
        foreach (var part in Parts)
        {
            part!.CopyTo(frame, position);
            position += part.Length;
        }

        return frame;
    }
}

using System.Collections.Immutable;

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

/// <summary>
/// The next assembly, what became of the part, the whole frame when it completed one, and how many
/// other unfinished frames were given up (a frame dropped as <see cref="PartOutcome.Mismatched"/>
/// or <see cref="PartOutcome.TooLarge"/> is not counted among them).
/// </summary>
internal readonly record struct PartAssemblyStep(PartAssembly Next, PartOutcome Outcome, string? Manifest, byte[]? Frame, int Abandoned);

/// <summary>
/// Puts the <see cref="WirePart"/>s of large frames back together, one frame at a time per sender
/// (a sender sends all parts of a frame before the next, and Akka.Remote keeps their order, so a
/// new transfer from a sender means the parts missing from its last one were lost). Bounded
/// whatever peers send: at most <see cref="MaxFrameBytes"/> per frame, <see cref="MaxPendingFrames"/>
/// frames and <see cref="MaxBufferedBytes"/> in all (the oldest unfinished frame goes first), and a
/// frame unfinished after <see cref="ExpireAfterMillis"/> is given up at the next part. Pure:
/// immutable, time is an input.
/// </summary>
internal sealed record PartAssembly
{
    /// <summary>The largest frame assembled: the largest payload and room for its frame.</summary>
    public const long MaxFrameBytes = WireFrame.MaxPayloadBytes + (64 * 1024);

    /// <summary>At most two frames of the largest size are held at once.</summary>
    public const long MaxBufferedBytes = 2 * MaxFrameBytes;

    /// <summary>Senders with an unfinished frame at once.</summary>
    public const int MaxPendingFrames = 64;

    /// <summary>The parts of one frame arrive in one burst; a frame still unfinished after this lost some.</summary>
    public const long ExpireAfterMillis = 30_000;

    private PartAssembly(ImmutableDictionary<UniqueAddress, PendingFrame> pending, long bufferedBytes)
    {
        Pending = pending;
        BufferedBytes = bufferedBytes;
    }

    public static PartAssembly Empty { get; } = new(ImmutableDictionary<UniqueAddress, PendingFrame>.Empty, 0);

    /// <summary>The unfinished frame of each sender that has one.</summary>
    public ImmutableDictionary<UniqueAddress, PendingFrame> Pending { get; }

    /// <summary>The bytes held in unfinished frames.</summary>
    public long BufferedBytes { get; }

    public PartAssemblyStep Add(WirePart part, long nowMillis)
    {
        var (assembly, abandoned) = WithoutExpired(nowMillis);
        var frame = assembly.Pending.GetValueOrDefault(part.From);
        if (frame is not null && frame.Transfer != part.Transfer)
        {
            assembly = assembly.Without(part.From);
            abandoned++;
            frame = null;
        }

        if (frame is null)
        {
            frame = PendingFrame.Start(part, nowMillis);
        }
        else if (frame.Count != part.Count || frame.Manifest != part.Manifest)
        {
            return new(assembly.Without(part.From), PartOutcome.Mismatched, null, null, abandoned); // Its frame is dropped as malformed, not counted as given up.
        }
        else if (frame.Parts[part.Index] is not null)
        {
            return new(assembly, PartOutcome.Duplicate, null, null, abandoned);
        }

        if (frame.Bytes + part.Bytes.Length > MaxFrameBytes)
        {
            return new(assembly.Without(part.From), PartOutcome.TooLarge, null, null, abandoned);
        }

        var grown = frame.With(part);
        if (grown.Received == grown.Count)
        {
            return new(assembly.Without(part.From), PartOutcome.Completed, grown.Manifest, grown.Joined(), abandoned);
        }

        (assembly, var evicted) = assembly.Without(part.From).MakeRoomFor(grown.Bytes);
        return new(assembly.With(part.From, grown), PartOutcome.Buffered, null, null, abandoned + evicted);
    }

    private (PartAssembly Assembly, int Expired) WithoutExpired(long nowMillis)
    {
        var assembly = this;
        var expired = 0;
        foreach (var (sender, frame) in Pending)
        {
            if (nowMillis - frame.StartedMillis >= ExpireAfterMillis)
            {
                assembly = assembly.Without(sender);
                expired++;
            }
        }

        return (assembly, expired);
    }

    /// <summary>Gives up the oldest unfinished frames until one more frame of <paramref name="bytes"/> fits.</summary>
    private (PartAssembly Assembly, int Evicted) MakeRoomFor(long bytes)
    {
        var assembly = this;
        var evicted = 0;
        while (assembly.Pending.Count > 0 && (assembly.Pending.Count >= MaxPendingFrames || assembly.BufferedBytes + bytes > MaxBufferedBytes))
        {
            var oldest = assembly.Pending.MinBy(p => p.Value.StartedMillis).Key;
            assembly = assembly.Without(oldest);
            evicted++;
        }

        return (assembly, evicted);
    }

    private PartAssembly Without(UniqueAddress sender) =>
        Pending.TryGetValue(sender, out var frame) ? new(Pending.Remove(sender), BufferedBytes - frame.Bytes) : this;

    /// <summary>Replaces the sender's frame, which <see cref="Without"/> has taken out.</summary>
    private PartAssembly With(UniqueAddress sender, PendingFrame frame) => new(Pending.SetItem(sender, frame), BufferedBytes + frame.Bytes);
}

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

using System.Collections.Immutable;

namespace AkkaConvergence.Wire;

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

namespace AkkaConvergence.Simulation;

/// <summary>Traffic counters: reset at the start of a measured window, read at its end.</summary>
internal sealed class SimulationMetrics
{
    private readonly Dictionary<string, long> _messagesByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _drops = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _facts = new(StringComparer.Ordinal);

    public long Messages { get; private set; }

    public long Bytes { get; private set; }

    public int MaxMessageBytes { get; private set; }

    /// <summary>
    /// The largest version digest (a <c>GossipStatus</c> of any kind or a <c>VersionFingerprint</c>)
    /// over the whole run, steady state included (never reset): what issue #12 bounds at 1 KB
    /// whatever the cluster's size and history.
    /// </summary>
    public int MaxDigestBytes { get; private set; }

    public IReadOnlyDictionary<string, long> MessagesByType => _messagesByType;

    public IReadOnlyDictionary<string, long> BytesByType => _bytesByType;

    /// <summary>Dropped inputs by reason, over the whole run (never reset).</summary>
    public IReadOnlyDictionary<string, long> Drops => _drops;

    public void CountMessage(string type, int bytes)
    {
        Messages++;
        Bytes += bytes;
        MaxMessageBytes = Math.Max(MaxMessageBytes, bytes);
        if (bytes > MaxDigestBytes && IsDigest(type))
        {
            MaxDigestBytes = bytes;
        }

        _messagesByType[type] = _messagesByType.GetValueOrDefault(type) + 1;
        _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + bytes;
    }

    private static bool IsDigest(string type) =>
        type.StartsWith("GossipStatus", StringComparison.Ordinal) || type == "VersionFingerprint";

    /// <summary>Facts the cores reported (e.g. MarkedUnreachable), by kind, over the whole run (never reset).</summary>
    public IReadOnlyDictionary<string, long> Facts => _facts;

    public void CountDrop(string reason) => _drops[reason] = _drops.GetValueOrDefault(reason) + 1;

    public void CountFact(Protocol.CoreFact fact)
    {
        var kind = fact.GetType().Name;
        _facts[kind] = _facts.GetValueOrDefault(kind) + 1;
    }

    public void ResetTraffic()
    {
        Messages = 0;
        Bytes = 0;
        MaxMessageBytes = 0;
        _messagesByType.Clear();
        _bytesByType.Clear();
    }
}

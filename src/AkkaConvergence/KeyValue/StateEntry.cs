namespace AkkaConvergence.KeyValue;

/// <summary>
/// One key of one owner as this node holds it: the owner's sequence number of the write and the
/// value, or no value for a deletion (a tombstone, kept for the grace period so the deletion
/// reaches everyone before it is forgotten).
/// </summary>
/// <param name="Version">The owner's sequence number of this write: the same on every node.</param>
/// <param name="Value">The value; null for a tombstone.</param>
/// <param name="ChangedAtMillis">When this node took this version (its own monotonic clock; for ages and tombstone purging, never sent).</param>
internal sealed record StateEntry(long Version, StateValue? Value, long ChangedAtMillis)
{
    /// <summary>Bytes every entry counts against the owner's total besides its key and value (version and framing).</summary>
    public const int OverheadBytes = 16;

    public bool IsDeleted => Value is null;

    /// <summary>What this entry under <paramref name="key"/> counts against the owner's total.</summary>
    public int QuotaBytes(string key) => System.Text.Encoding.UTF8.GetByteCount(key) + OverheadBytes + (Value?.QuotaBytes ?? 0);
}

namespace AkkaConvergence.KeyValue;

/// <summary>
/// A value as it is gossiped: the id and manifest of the ActorSystem serializer that wrote it and
/// its bytes. The core never looks inside: users' own serializers apply, and the project's wire
/// format stays closed (it carries bytes, never type names it would instantiate).
/// </summary>
internal sealed class StateValue : IEquatable<StateValue>
{
    private readonly byte[] _bytes;

    public StateValue(int serializerId, string manifest, ReadOnlySpan<byte> bytes)
    {
        SerializerId = serializerId;
        Manifest = manifest;
        _bytes = bytes.ToArray();
    }

    public int SerializerId { get; }

    public string Manifest { get; }

    public ReadOnlySpan<byte> Bytes => _bytes;

    public int Length => _bytes.Length;

    /// <summary>What the value counts against the quotas: its bytes and its manifest.</summary>
    public int QuotaBytes => _bytes.Length + System.Text.Encoding.UTF8.GetByteCount(Manifest);

    public bool Equals(StateValue? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (SerializerId == other.SerializerId && string.Equals(Manifest, other.Manifest, StringComparison.Ordinal) && Bytes.SequenceEqual(other.Bytes)));

    public override bool Equals(object? obj) => Equals(obj as StateValue);

    public override int GetHashCode() => HashCode.Combine(SerializerId, Manifest, _bytes.Length);
}

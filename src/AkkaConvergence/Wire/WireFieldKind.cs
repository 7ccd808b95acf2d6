namespace AkkaConvergence.Wire;

/// <summary>The kinds of field a wire record may have: the whole vocabulary of the wire format.</summary>
internal enum WireFieldKind
{
    String,
    Int,
    Long,
    Byte,
    Bool,
    Strings,
    Ints,
    Longs,
    ULongs,
    Bytes,

    /// <summary>Another wire record (a presence byte, then its fields).</summary>
    Record,
}

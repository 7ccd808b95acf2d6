namespace AkkaConvergence.Wire;

/// <summary>Bytes that do not decode to a valid cluster message: foreign, corrupt or from an incompatible version.</summary>
internal sealed class WireFormatException : Exception
{
    public WireFormatException(string message)
        : base(message)
    {
    }

    public WireFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

namespace AkkaConvergence.Wire;

/// <summary>
/// Proof that a message was made inside this process: by the convergence serializer from bytes it
/// validated, or by the extension itself. It is a reference to one object of this process, so no
/// deserializer (Newtonsoft, Hyperion, anything a peer could name) can forge it: a peer able to
/// deliver arbitrary objects to the convergence actors still cannot make them act.
/// </summary>
internal sealed class LocalProof
{
    public static readonly LocalProof Instance = new();

    private LocalProof()
    {
    }

    public static bool IsGenuine(LocalProof? proof) => ReferenceEquals(proof, Instance);
}

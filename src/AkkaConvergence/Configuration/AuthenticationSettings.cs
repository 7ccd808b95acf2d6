using System.Collections.Immutable;

namespace AkkaConvergence;

/// <summary>
/// The <c>akka.convergence.authentication</c> settings: a keyring of shared secrets. The first key
/// signs every convergence message this node sends (HMAC-SHA256); every key verifies, so a key
/// rotates without downtime. The keys themselves are not exposed (nor printed by
/// <see cref="ToString"/>).
/// </summary>
public sealed class AuthenticationSettings
{
    /// <summary>The smallest key accepted (128 bits).</summary>
    public const int MinKeyBytes = 16;

    /// <summary>The largest key accepted (the HMAC-SHA256 block size).</summary>
    public const int MaxKeyBytes = 64;

    internal AuthenticationSettings(ImmutableArray<ImmutableArray<byte>> keys, bool requireSignature)
    {
        Keys = keys;
        RequireSignature = requireSignature;
    }

    /// <summary>No keys: messages are neither signed nor checked.</summary>
    internal static AuthenticationSettings Off { get; } = new([], requireSignature: true);

    /// <summary>Whether this node signs its messages (<c>keys</c> is not empty).</summary>
    public bool IsEnabled => !Keys.IsEmpty;

    /// <summary>How many keys the keyring holds (<c>keys</c>, default none).</summary>
    public int KeyCount => Keys.Length;

    /// <summary>
    /// With keys set, a message without a signature is refused (<c>require-signature</c>, default on);
    /// off only while authentication is being switched on in a running cluster.
    /// </summary>
    public bool RequireSignature { get; }

    /// <summary>The keyring, primary first.</summary>
    internal ImmutableArray<ImmutableArray<byte>> Keys { get; }

    /// <inheritdoc/>
    public override string ToString() => IsEnabled
        ? $"authentication on ({KeyCount} key(s), signature {(RequireSignature ? "required" : "optional")})"
        : "authentication off";
}

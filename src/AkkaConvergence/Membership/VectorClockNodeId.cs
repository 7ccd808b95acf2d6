using System.Security.Cryptography;
using System.Text;

namespace AkkaConvergence.Membership;

/// <summary>
/// The vector-clock id of one node incarnation: the first 64 bits of SHA-256 over
/// "address#uid", as 16 lower-case hex characters. Derived from the uid, so a node restarted
/// on the same host:port gets a fresh entry; short, so a gossip stays small (Akka.NET uses a
/// 32-character MD5 hex string).
/// </summary>
internal static class VectorClockNodeId
{
    public static string Of(UniqueAddress node)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(node.ToString()), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}

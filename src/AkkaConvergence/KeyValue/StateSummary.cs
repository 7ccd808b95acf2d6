using System.Text;

namespace AkkaConvergence.KeyValue;

/// <summary>
/// The hash terms of <see cref="StateStore.Summary"/>: stable across processes (FNV-1a over the
/// address text, a 64-bit finaliser), never <see cref="string.GetHashCode()"/>, which .NET
/// randomises per process.
/// </summary>
internal static class StateSummary
{
    public static ulong Term(UniqueAddress owner, long watermark) =>
        Mix(OwnerHash(owner) + (unchecked((ulong)watermark) * 0x9E3779B97F4A7C15UL));

    private static ulong OwnerHash(UniqueAddress owner)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(owner.Address.ToString()))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash ^ Mix(unchecked((ulong)owner.Uid));
    }

    /// <summary>The splitmix64 finaliser: every input bit moves about half the output bits.</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

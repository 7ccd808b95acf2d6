using System.Collections.Immutable;

namespace AkkaConvergence;

/// <summary>
/// What a consensus check compares: one or more keys, each with a function that extracts the
/// value to agree on from a member's entry. Consensus holds when every member that counts (Up
/// and reachable) has every key, and every extracted value, over all members and keys, is the
/// same and not null. Build it with <see cref="Create{T}"/>, add keys with <see cref="And{T}"/>
/// (the shape of Proto.Actor's <c>ConsensusCheckBuilder</c> and its <c>InConsensusWith</c>).
/// </summary>
/// <typeparam name="TValue">The value members must agree on (compared with its default equality).</typeparam>
public sealed class ConsensusCheck<TValue>
{
    private ConsensusCheck(ImmutableArray<ConsensusPart<TValue>> parts) => Parts = parts;

    /// <summary>The keys the check reads.</summary>
    public IReadOnlyList<string> Keys => [.. Parts.Select(p => p.Key)];

    internal ImmutableArray<ConsensusPart<TValue>> Parts { get; }

    /// <summary>A check over <paramref name="key"/>, whose entries are <typeparamref name="T"/>.</summary>
    /// <param name="key">The key every counted member must have.</param>
    /// <param name="getValue">Extracts the value to agree on; null means "no value" (no consensus).</param>
    public static ConsensusCheck<TValue> Create<T>(string key, Func<T, TValue?> getValue) => new([ConsensusPart<TValue>.For(key, getValue)]);

    /// <summary>This check, also requiring <paramref name="key"/>'s extracted value to be the same one.</summary>
    public ConsensusCheck<TValue> And<T>(string key, Func<T, TValue?> getValue) => new(Parts.Add(ConsensusPart<TValue>.For(key, getValue)));
}

/// <summary>One key of a consensus check and how to extract the value from an entry (matched = the entry had the right type).</summary>
internal sealed record ConsensusPart<TValue>(string Key, Func<object, (bool Matched, TValue? Value)> Extract)
{
    public static ConsensusPart<TValue> For<T>(string key, Func<T, TValue?> getValue)
    {
        ClusterGossip.ValidateKey(key);
        ArgumentNullException.ThrowIfNull(getValue);
        return new(key, value => value is T typed ? (true, getValue(typed)) : (false, default));
    }
}

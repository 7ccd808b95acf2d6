namespace AkkaConvergence;

/// <summary>A registered consensus check; dispose it to stop evaluating.</summary>
/// <typeparam name="T">The value members agree on.</typeparam>
public interface IConsensusHandle<T> : IDisposable
{
    /// <summary>Whether the counted members agree now, and on what (default when they do not).</summary>
    (bool Consensus, T? Value) Current { get; }

    /// <summary>
    /// Returns at once when consensus holds; otherwise waits until it does, for at most
    /// <paramref name="maxWait"/>, then returns <c>(false, default)</c>.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="token"/> was cancelled.</exception>
    Task<(bool Consensus, T? Value)> TryGetConsensus(TimeSpan maxWait, CancellationToken token = default);
}

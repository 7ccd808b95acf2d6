namespace AkkaConvergence;

/// <summary>
/// A consensus check's current result, re-evaluated by <see cref="ClusterGossip"/> after every new
/// view or key/value store; waiters are woken on each change of the result.
/// </summary>
internal sealed class ConsensusHandle<TValue> : IConsensusHandle<TValue>, IConsensusEvaluation
{
    private readonly Func<(bool, TValue?)> _evaluate;
    private readonly Action<IConsensusEvaluation> _unregister;
    private readonly TimeProvider _time;
    private volatile Result _current = new(false, default);
    private TaskCompletionSource _changed = NewSignal();

    public ConsensusHandle(Func<(bool, TValue?)> evaluate, Action<IConsensusEvaluation> unregister, TimeProvider time)
    {
        _evaluate = evaluate;
        _unregister = unregister;
        _time = time;
        Evaluate();
    }

    public (bool Consensus, TValue? Value) Current => (_current.Consensus, _current.Value);

    public void Evaluate()
    {
        var (consensus, value) = _evaluate();
        var previous = _current;
        if (previous.Consensus == consensus && EqualityComparer<TValue?>.Default.Equals(previous.Value, value))
        {
            return;
        }

        _current = new Result(consensus, value);
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
    }

    public async Task<(bool Consensus, TValue? Value)> TryGetConsensus(TimeSpan maxWait, CancellationToken token = default)
    {
        var deadline = _time.GetTimestamp() + (long)(Math.Max(0, maxWait.TotalSeconds) * _time.TimestampFrequency);
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            var current = _current;
            if (current.Consensus)
            {
                return (true, current.Value);
            }

            var remaining = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                return (false, default);
            }

            try
            {
                await changed.WaitAsync(remaining, _time, token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return _current.Consensus ? (true, _current.Value) : (false, default);
            }
        }
    }

    public void Dispose() => _unregister(this);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Result(bool Consensus, TValue? Value);
}

/// <summary>What <see cref="ClusterGossip"/> calls on every registered check, whatever its value type.</summary>
internal interface IConsensusEvaluation
{
    void Evaluate();
}

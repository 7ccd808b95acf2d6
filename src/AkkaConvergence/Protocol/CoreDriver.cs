namespace AkkaConvergence.Protocol;

/// <summary>
/// Runs one node's core for a shell: steps an input, carries out its effects through the shell in
/// order, then steps the follow-up inputs those effects produced (approved leader transitions),
/// queued, never nested inside the effect loop. So the effects of one step always go out before
/// those of the next, and the core's idea of its pending wake-up is always the shell's. The actor
/// shell and the simulator use this same driver.
/// </summary>
internal sealed class CoreDriver
{
    private readonly ICoreShell _shell;
    private readonly Func<CoreTime> _clock;
    private readonly Random _random;
    private readonly Action<CoreState, CoreResult, ICoreInput>? _onStep;
    private readonly Queue<ICoreInput> _pending = new();
    private bool _stepping;

    /// <param name="initial">The core's state to start from.</param>
    /// <param name="shell">Carries out the effects.</param>
    /// <param name="clock">Read once per step.</param>
    /// <param name="random">This node's seeded random source.</param>
    /// <param name="onStep">Called after each step with the state before it, its result and its input (invariant checks, tests).</param>
    public CoreDriver(CoreState initial, ICoreShell shell, Func<CoreTime> clock, Random random, Action<CoreState, CoreResult, ICoreInput>? onStep = null)
    {
        State = initial;
        _shell = shell;
        _clock = clock;
        _random = random;
        _onStep = onStep;
    }

    public CoreState State { get; private set; }

    /// <summary>
    /// Steps <paramref name="input"/> and then every follow-up input, in order. Called again from
    /// inside an effect, it only queues the input behind the ones already pending.
    /// </summary>
    public void Feed(ICoreInput input)
    {
        _pending.Enqueue(input);
        if (_stepping)
        {
            return;
        }

        _stepping = true;
        try
        {
            while (_pending.TryDequeue(out var next))
            {
                var before = State;
                var result = ClusterCore.Step(before, next, _clock(), _random);
                State = result.State;
                _onStep?.Invoke(before, result, next);
                foreach (var effect in result.Effects)
                {
                    if (effect.ApplyTo(_shell) is { } followUp)
                    {
                        _pending.Enqueue(followUp);
                    }
                }
            }
        }
        finally
        {
            _stepping = false;
        }
    }
}

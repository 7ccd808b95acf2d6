namespace AkkaConvergence.Simulation;

/// <summary>
/// The simulator's virtual time: events ordered by time, and by scheduling order within one
/// instant, so every run with the same seed processes the same events in the same order.
/// </summary>
internal sealed class EventQueue
{
    private readonly PriorityQueue<SimulationEvent, (long Time, long Sequence)> _queue = new();
    private long _sequence;

    public int Count => _queue.Count;

    public void Schedule(long at, SimulationEvent simulationEvent) => _queue.Enqueue(simulationEvent, (at, _sequence++));

    /// <summary>Puts an event back at a later time, still ahead of everything scheduled after it originally was (a paused node's mailbox keeps its order).</summary>
    public void Defer(long until, SimulationEvent simulationEvent, long sequence) => _queue.Enqueue(simulationEvent, (until, sequence));

    public bool TryPeekTime(out long time)
    {
        var found = _queue.TryPeek(out _, out var at);
        time = at.Time;
        return found;
    }

    public (SimulationEvent Event, long Time, long Sequence) Dequeue()
    {
        _queue.TryDequeue(out var next, out var at);
        return (next!, at.Time, at.Sequence);
    }
}

namespace AkkaConvergence;

/// <summary>Tasks that complete when this node's own member reaches a condition, or fail when the extension ends first.</summary>
internal sealed class SelfStatusWaiters
{
    private readonly object _gate = new();
    private readonly List<Waiter> _waiters = [];

    /// <summary>
    /// Completes when <paramref name="isDone"/> holds for self. If the extension terminates first the task
    /// completes (when <paramref name="terminationCompletes"/>) or fails with <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <remarks>
    /// The current view is read through <paramref name="current"/> only after the waiter is
    /// registered: a view that changes in between is then either seen here or checks the waiter
    /// itself, so no change can slip past it.
    /// </remarks>
    public Task WaitFor(Func<(Member Self, bool Terminated)> current, Func<Member, bool> isDone, bool terminationCompletes, string what, CancellationToken token)
    {
        var waiter = new Waiter(isDone, terminationCompletes, what, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (token.CanBeCanceled)
        {
            var registration = token.Register(() => waiter.Completion.TrySetCanceled(token));
            waiter.Completion.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }

        lock (_gate)
        {
            _waiters.Add(waiter);
        }

        var (self, terminated) = current();
        Check(self, terminated);
        return waiter.Completion.Task;
    }

    /// <param name="self">Self as a member now.</param>
    /// <param name="terminated">Whether the membership has ended.</param>
    /// <param name="why">Why it ended, for the exception of a waiter it fails.</param>
    public void Check(Member self, bool terminated, string? why = null)
    {
        List<Waiter> finished;
        lock (_gate)
        {
            finished = _waiters.Where(w => w.Completion.Task.IsCompleted || w.IsDone(self) || terminated).ToList();
            _waiters.RemoveAll(finished.Contains);
        }

        foreach (var waiter in finished)
        {
            if (waiter.IsDone(self) || (terminated && waiter.TerminationCompletes))
            {
                waiter.Completion.TrySetResult();
            }
            else if (terminated)
            {
                waiter.Completion.TrySetException(new InvalidOperationException($"The convergence extension shut down before {waiter.What}{(why is null ? string.Empty : $" ({why})")}."));
            }
        }
    }

    private sealed record Waiter(Func<Member, bool> IsDone, bool TerminationCompletes, string What, TaskCompletionSource Completion);
}

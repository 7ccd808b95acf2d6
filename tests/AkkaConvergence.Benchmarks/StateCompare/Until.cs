namespace AkkaConvergence.Benchmarks.StateCompare;

internal static class Until
{
    /// <summary>Polls <paramref name="condition"/> every few milliseconds; throws once <paramref name="limit"/> has passed.</summary>
    public static async Task True(Func<bool> condition, TimeSpan limit, string what)
    {
        using var deadline = new CancellationTokenSource(limit);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{what} did not happen within {limit.TotalSeconds} s.");
            }

            await Task.Delay(5);
        }
    }
}

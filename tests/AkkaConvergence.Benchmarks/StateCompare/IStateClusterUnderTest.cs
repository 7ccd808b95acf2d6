namespace AkkaConvergence.Benchmarks.StateCompare;

/// <summary>
/// One implementation of per-member key/value gossip state, driven the same way by
/// <see cref="StateSideBySide"/>: form N members on 127.0.0.1 with the implementation's own
/// defaults, write on member 0, read on every member, and write on every member for the load.
/// </summary>
internal interface IStateClusterUnderTest : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Starts <paramref name="nodes"/> members and returns once every member sees them all.</summary>
    Task Form(int nodes, TimeSpan limit);

    /// <summary>Member 0 writes <paramref name="value"/> under <paramref name="key"/> (its write call has returned).</summary>
    Task SetOnFirst(string key, string value);

    /// <summary>Whether every member reads member 0's entry under <paramref name="key"/> as <paramref name="value"/>.</summary>
    Task<bool> AllSee(string key, string value);

    /// <summary>Member <paramref name="member"/> writes its own entry under <paramref name="key"/>.</summary>
    Task SetOn(int member, string key, long value);
}

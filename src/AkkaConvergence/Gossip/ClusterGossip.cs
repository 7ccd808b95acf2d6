using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using AkkaConvergence.Actors;
using AkkaConvergence.KeyValue;
using AkkaConvergence.Protocol;

namespace AkkaConvergence;

/// <summary>
/// This node's view of every member's key/value state (Proto.Actor's <c>Gossiper</c>, done
/// better): each member writes only its own entries, gossip spreads them to all members, and a
/// read takes the entry of every member. Values are serialized with the ActorSystem's own
/// serialization, so any type it can serialize works. Independent of membership: a write never
/// delays convergence or the leader. Thread-safe; get it from <see cref="ConvergenceCluster.Gossip"/>.
/// </summary>
public sealed class ClusterGossip
{
    /// <summary>Keys starting with this are reserved for the library.</summary>
    public const string ReservedKeyPrefix = "convergence:";

    /// <summary>The longest time-to-live a write may ask for (a year: longer is no expiry at all).</summary>
    public static readonly TimeSpan MaxTimeToLive = TimeSpan.FromDays(365);

    private readonly SelfMembership _self;
    private readonly UniqueAddress _selfAddress;
    private readonly GossipValueCodec _codec;
    private readonly IActorRef _daemon;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly StateLimits _limits;
    private readonly ILoggingAdapter _log;
    private readonly HashSet<(string, Type)> _mismatchLogged = [];
    private ImmutableList<IConsensusEvaluation> _checks = [];

    internal ClusterGossip(SelfMembership self, UniqueAddress selfAddress, GossipValueCodec codec, IActorRef daemon, TimeProvider time, long origin, StateLimits limits, ILoggingAdapter log)
    {
        _self = self;
        _selfAddress = selfAddress;
        _codec = codec;
        _daemon = daemon;
        _time = time;
        _origin = origin;
        _limits = limits;
        _log = log;
        _self.ViewChanged += () => _checks.ForEach(check => check.Evaluate());
    }

    /// <summary>
    /// Writes <paramref name="value"/> under <paramref name="key"/> in this node's own state; it
    /// becomes visible to this node's reads a moment later, and to every member by gossip.
    /// </summary>
    /// <exception cref="ArgumentException">The key is null, empty or reserved, or the value is past a quota (the message names it).</exception>
    /// <exception cref="InvalidOperationException">This node's membership has ended.</exception>
    public void SetState<T>(string key, T value)
        where T : notnull => _daemon.Tell(LocalRequest.Of(new WriteState(PrepareSet(key, value, null), null)));

    /// <summary>
    /// As <see cref="SetState{T}(string, T)"/>, and this node deletes the key again <paramref name="timeToLive"/>
    /// after the write unless it is written (or deleted) before then. The owner's clock decides, so
    /// every member sees one deletion, spread like <see cref="DeleteState"/>; readers never expire
    /// an entry by their own clocks.
    /// </summary>
    /// <exception cref="ArgumentException">The key is null, empty or reserved, or the value is past a quota.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeToLive"/> is not positive, or longer than <see cref="MaxTimeToLive"/>.</exception>
    public void SetState<T>(string key, T value, TimeSpan timeToLive)
        where T : notnull => _daemon.Tell(LocalRequest.Of(new WriteState(PrepareSet(key, value, TimeToLiveMillis(timeToLive)), null)));

    /// <summary>As <see cref="SetState{T}(string, T)"/>; completes once this node's own reads show the value.</summary>
    /// <exception cref="ArgumentException">The key is null, empty or reserved, or the value is past a quota.</exception>
    public Task SetStateAsync<T>(string key, T value, CancellationToken token = default)
        where T : notnull => Write(PrepareSet(key, value, null), token);

    /// <summary>As <see cref="SetState{T}(string, T, TimeSpan)"/>; completes once this node's own reads show the value.</summary>
    /// <exception cref="ArgumentException">The key is null, empty or reserved, or the value is past a quota.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeToLive"/> is not positive, or longer than <see cref="MaxTimeToLive"/>.</exception>
    public Task SetStateAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken token = default)
        where T : notnull => Write(PrepareSet(key, value, TimeToLiveMillis(timeToLive)), token);

    /// <summary>Deletes <paramref name="key"/> from this node's own state (a tombstone spreads the deletion).</summary>
    /// <exception cref="ArgumentException">The key is null, empty or reserved.</exception>
    public void DeleteState(string key)
    {
        ValidateKey(key);
        EnsureMember();
        _daemon.Tell(LocalRequest.Of(new WriteState(new DeleteStateCommand(key), null)));
    }

    /// <summary>
    /// Every current member's value for <paramref name="key"/>, self included; members without the
    /// key, or whose value is not a <typeparamref name="T"/> or cannot be deserialized, are left out.
    /// </summary>
    public IReadOnlyDictionary<UniqueAddress, T> GetState<T>(string key) =>
        Read<T>(key, _self.Store).ToImmutableDictionary(e => e.Owner, e => e.Value);

    /// <summary>As <see cref="GetState{T}"/>, with each entry's version and age.</summary>
    public IReadOnlyDictionary<UniqueAddress, GossipEntry<T>> GetStateEntries<T>(string key)
    {
        var now = CoreMillis();
        return Read<T>(key, _self.Store).ToImmutableDictionary(e => e.Owner, e => new GossipEntry<T>(e.Value, e.Entry.Version, AgeOf(e.Entry, now)));
    }

    /// <summary>Every member's entries at this moment: owner → key → value, version and age. Never changes after it is taken.</summary>
    public GossipStateSnapshot GetStateSnapshot()
    {
        var now = CoreMillis();
        var owners = ImmutableDictionary.CreateBuilder<UniqueAddress, ImmutableDictionary<string, GossipStateEntry>>();
        foreach (var (owner, state) in _self.Store.Owners)
        {
            var entries = ImmutableDictionary.CreateBuilder<string, GossipStateEntry>(StringComparer.Ordinal);
            foreach (var (key, entry) in state.Entries)
            {
                if (entry.Value is { } value && !key.StartsWith(ReservedKeyPrefix, StringComparison.Ordinal) && _codec.TryDecode(owner, key, value, out var decoded))
                {
                    entries[key] = new GossipStateEntry(decoded, entry.Version, AgeOf(entry, now));
                }
            }

            if (entries.Count > 0)
            {
                owners[owner] = entries.ToImmutable();
            }
        }

        return new GossipStateSnapshot(owners.ToImmutable());
    }

    /// <summary>Registers a check that the Up and reachable members agree on the value extracted from <paramref name="key"/>.</summary>
    public IConsensusHandle<TValue> RegisterConsensusCheck<T, TValue>(string key, Func<T, TValue?> getValue) =>
        RegisterConsensusCheck(ConsensusCheck<TValue>.Create(key, getValue));

    /// <summary>Registers a check over one or more keys (see <see cref="ConsensusCheck{TValue}"/>).</summary>
    public IConsensusHandle<TValue> RegisterConsensusCheck<TValue>(ConsensusCheck<TValue> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var handle = new ConsensusHandle<TValue>(() => Evaluate(check), Unregister, _time);
        ImmutableInterlocked.Update(ref _checks, checks => checks.Add(handle));
        handle.Evaluate(); // A view may have landed between the first evaluation and the registration.
        return handle;
    }

    internal static void ValidateKey(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("A gossip state key must be a non-empty string.", nameof(key));
        }

        if (key.StartsWith(ReservedKeyPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Gossip state keys starting with '{ReservedKeyPrefix}' are reserved; '{key}' cannot be written.", nameof(key));
        }
    }

    private static long TimeToLiveMillis(TimeSpan timeToLive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeToLive, MaxTimeToLive);
        return Math.Max(1, (long)timeToLive.TotalMilliseconds);
    }

    private SetStateCommand PrepareSet<T>(string key, T value, long? timeToLiveMillis)
    {
        ValidateKey(key);
        ArgumentNullException.ThrowIfNull(value);
        EnsureMember();
        var encoded = _codec.Encode(value);
        if (_self.Store.Of(_selfAddress).CheckWrite(key, encoded, _limits) is { } violation)
        {
            throw new ArgumentException($"Writing '{key}' would exceed {violation.Key} = {violation.Limit} (it would be {violation.Would}).", nameof(value));
        }

        return new SetStateCommand(key, encoded, timeToLiveMillis);
    }

    private Task Write(ICoreInput command, CancellationToken token)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void EndedBeforeWritten() => done.TrySetException(new InvalidOperationException("The membership of this node ended before the write was taken."));
        _self.Ended += EndedBeforeWritten;
        _daemon.Tell(LocalRequest.Of(new WriteState(command, done)));
        if (_self.IsTerminated)
        {
            EndedBeforeWritten();
        }

        return done.Task.WaitAsync(token).ContinueWith(
            task =>
            {
                _self.Ended -= EndedBeforeWritten;
                return task;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }

    private void EnsureMember()
    {
        if (_self.IsTerminated)
        {
            throw new InvalidOperationException("The membership of this node has ended; it has no gossip state to write.");
        }
    }

    private IEnumerable<(UniqueAddress Owner, T Value, StateEntry Entry)> Read<T>(string key, StateStore store)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var (owner, state) in store.Owners)
        {
            if (!state.Entries.TryGetValue(key, out var entry) || entry.Value is not { } value || !_codec.TryDecode(owner, key, value, out var decoded))
            {
                continue;
            }

            if (decoded is T typed)
            {
                yield return (owner, typed, entry);
            }
            else
            {
                LogMismatchOnce(key, typeof(T), decoded.GetType());
            }
        }
    }

    private (bool, TValue?) Evaluate<TValue>(ConsensusCheck<TValue> check)
    {
        var state = _self.State;
        var store = _self.Store;
        var counted = state.Members.Where(m => m.Status == MemberStatus.Up && !state.Unreachable.Contains(m)).ToList();
        if (counted.Count == 0)
        {
            return (false, default);
        }

        TValue? agreed = default;
        var first = true;
        foreach (var member in counted)
        {
            var entries = store.Of(member.UniqueAddress).Entries;
            foreach (var part in check.Parts)
            {
                if (!entries.TryGetValue(part.Key, out var entry) || entry.Value is not { } value || !_codec.TryDecode(member.UniqueAddress, part.Key, value, out var decoded))
                {
                    return (false, default);
                }

                var (matched, extracted) = Extract(part, decoded);
                if (!matched || extracted is null || (!first && !EqualityComparer<TValue>.Default.Equals(agreed, extracted)))
                {
                    return (false, default);
                }

                agreed = extracted;
                first = false;
            }
        }

        return (true, agreed);
    }

    private (bool Matched, TValue? Value) Extract<TValue>(ConsensusPart<TValue> part, object decoded)
    {
        try
        {
            return part.Extract(decoded);
        }
        catch (Exception error)
        {
            _log.Warning("Convergence: a consensus check's value function threw on key '{0}'; no consensus: {1}", part.Key, error.Message);
            return (false, default);
        }
    }

    private void Unregister(IConsensusEvaluation check) => ImmutableInterlocked.Update(ref _checks, checks => checks.Remove(check));

    private void LogMismatchOnce(string key, Type wanted, Type actual)
    {
        lock (_mismatchLogged)
        {
            if (!_mismatchLogged.Add((key, wanted)))
            {
                return;
            }
        }

        _log.Warning("Convergence: gossip state read of key '{0}' as {1} skips entries that are {2}.", key, wanted.Name, actual.Name);
    }

    private long CoreMillis() => (long)_time.GetElapsedTime(_origin).TotalMilliseconds;

    private static TimeSpan AgeOf(StateEntry entry, long nowMillis) => TimeSpan.FromMilliseconds(Math.Max(0, nowMillis - entry.ChangedAtMillis));
}

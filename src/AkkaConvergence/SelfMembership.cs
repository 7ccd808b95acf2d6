using System.Collections.Immutable;
using Akka.Event;
using AkkaConvergence.Actors;
using AkkaConvergence.KeyValue;
using AkkaConvergence.Protocol;

namespace AkkaConvergence;

/// <summary>
/// This node's view as the extension exposes it, readable from any thread: the current state,
/// whether the membership has ended, the OnMemberUp/OnMemberRemoved callbacks and the waiters
/// behind the async API. The actor shell updates it (<see cref="IClusterHost"/>).
/// </summary>
internal sealed class SelfMembership : IClusterHost
{
    private readonly UniqueAddress _self;
    private readonly IImmutableSet<string> _roles;
    private readonly ILoggingAdapter _log;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<Action> _onMemberUp = [];
    private readonly List<Action> _onMemberRemoved = [];
    private volatile CurrentClusterState _state = CurrentClusterState.Empty;
    private volatile bool _terminated;
    private volatile StateStore _keyValue = StateStore.Empty;
    private bool _wasUp;
    private DateTimeOffset? _unconvergedSince;
    private volatile ImmutableDictionary<UniqueAddress, ImmutableSortedSet<UniqueAddress>> _unreachableObservers =
        ImmutableDictionary<UniqueAddress, ImmutableSortedSet<UniqueAddress>>.Empty;

    public SelfMembership(UniqueAddress self, IImmutableSet<string> roles, ILoggingAdapter log, TimeProvider time)
    {
        _self = self;
        _roles = roles;
        _log = log;
        _time = time;
    }

    /// <summary>Raised once, when the membership ends (after the state is reset); the extension stops its actors.</summary>
    public event Action? Ended;

    /// <summary>What the core asked the shell to do about this node's membership.</summary>
    public event Action<ShutdownReason>? ShutdownRequested;

    /// <summary>Raised after each new view or key/value store (on the shell's thread), so consensus checks re-evaluate.</summary>
    public event Action? ViewChanged;

    public CurrentClusterState State => _state;

    /// <summary>Every member's key/value state as this node holds it (empty after the end).</summary>
    public StateStore Store => _keyValue;

    public bool IsTerminated => _terminated;

    /// <summary>For each unreachable member of the view, who observes it so (empty before joining and after the end).</summary>
    public ImmutableDictionary<UniqueAddress, ImmutableSortedSet<UniqueAddress>> UnreachableObservers => _unreachableObservers;

    /// <summary>When the view stopped being converged; null while converged, before joining and after the end.</summary>
    public DateTimeOffset? UnconvergedSince
    {
        get
        {
            lock (_gate)
            {
                return _unconvergedSince;
            }
        }
    }

    public SelfStatusWaiters Waiters { get; } = new();

    /// <summary>Self as a member; Removed before it joins and after its membership ended.</summary>
    public Member SelfMember =>
        _state.Members.FirstOrDefault(m => m.UniqueAddress == _self) ?? Member.Removed(_self, _roles);

    public void UpdateState(CurrentClusterState state, ImmutableDictionary<UniqueAddress, ImmutableSortedSet<UniqueAddress>> unreachableObservers)
    {
        List<Action> becameUp = [];
        Member self;
        lock (_gate)
        {
            // Under the lock, so a view never lands after Terminate has reset the state.
            if (_terminated)
            {
                return;
            }

            _state = state;
            _unreachableObservers = unreachableObservers;
            _unconvergedSince = state.IsConverged ? null : _unconvergedSince ?? _time.GetUtcNow();
            self = SelfMember;
            if (!_wasUp && self.Status == MemberStatus.Up)
            {
                _wasUp = true;
                becameUp.AddRange(_onMemberUp);
                _onMemberUp.Clear();
            }
        }

        becameUp.ForEach(callback => Run(callback, "OnMemberUp"));
        Waiters.Check(self, terminated: false);
        ViewChanged?.Invoke();
    }

    public void UpdateKeyValue(StateStore store)
    {
        lock (_gate)
        {
            if (_terminated)
            {
                return;
            }

            _keyValue = store;
        }

        ViewChanged?.Invoke();
    }

    public void OnShutdownRequested(ShutdownReason reason) => ShutdownRequested?.Invoke(reason);

    public void RegisterOnMemberUp(Action callback)
    {
        lock (_gate)
        {
            if (!_wasUp)
            {
                _onMemberUp.Add(callback);
                return;
            }
        }

        Run(callback, "OnMemberUp");
    }

    public void RegisterOnMemberRemoved(Action callback)
    {
        lock (_gate)
        {
            if (!_terminated)
            {
                _onMemberRemoved.Add(callback);
                return;
            }
        }

        Run(callback, "OnMemberRemoved");
    }

    /// <summary>Ends the membership once: state reset, waiters released, OnMemberRemoved callbacks run.</summary>
    public void Terminate(string why)
    {
        List<Action> removed;
        lock (_gate)
        {
            if (_terminated)
            {
                return;
            }

            _terminated = true;
            _state = CurrentClusterState.Empty;
            _unconvergedSince = null;
            _unreachableObservers = ImmutableDictionary<UniqueAddress, ImmutableSortedSet<UniqueAddress>>.Empty;
            _keyValue = StateStore.Empty;
            removed = [.. _onMemberRemoved];
            _onMemberRemoved.Clear();
        }

        _log.Info("Convergence: membership of {0} ended ({1}).", _self, why);
        Ended?.Invoke();
        Waiters.Check(SelfMember, terminated: true, why);
        ViewChanged?.Invoke();
        removed.ForEach(callback => Run(callback, "OnMemberRemoved"));
    }

    /// <summary>Waits until self satisfies <paramref name="isDone"/> (see <see cref="SelfStatusWaiters.WaitFor"/>).</summary>
    public Task WaitFor(Func<Member, bool> isDone, bool terminationCompletes, string what, CancellationToken token) =>
        Waiters.WaitFor(() => (SelfMember, _terminated), isDone, terminationCompletes, what, token);

    private void Run(Action callback, string what) => Task.Run(() =>
    {
        try
        {
            callback();
        }
        catch (Exception e)
        {
            _log.Error(e, "Convergence: a {0} callback threw.", what);
        }
    });
}

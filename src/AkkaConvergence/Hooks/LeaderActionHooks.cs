using System.Collections.Immutable;

namespace AkkaConvergence.Hooks;

/// <summary>The hooks registered on this node; registration is thread-safe, consultation happens on the membership actor.</summary>
internal sealed class LeaderActionHooks
{
    private ImmutableList<ILeaderActionHook> _hooks = [];

    public IDisposable Register(ILeaderActionHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ImmutableInterlocked.Update(ref _hooks, hooks => hooks.Add(hook));
        return new Registration(this, hook);
    }

    /// <summary>The transitions every hook approves; a hook that throws counts as approving (and is reported to <paramref name="onHookFailed"/>).</summary>
    public ImmutableList<MemberTransition> Approve(ImmutableList<MemberTransition> proposed, CurrentClusterState state, Action<string, Exception> onHookFailed)
    {
        var hooks = _hooks;
        return hooks.IsEmpty ? proposed : proposed.Where(transition => hooks.All(hook => Approves(hook, transition, state, onHookFailed))).ToImmutableList();
    }

    public void NotifyApplied(IReadOnlyList<MemberTransition> applied, CurrentClusterState state, Action<string, Exception> onHookFailed)
    {
        foreach (var hook in _hooks)
        {
            try
            {
                hook.OnApplied(applied, state);
            }
            catch (Exception e)
            {
                onHookFailed(nameof(ILeaderActionHook.OnApplied), e);
            }
        }
    }

    private static bool Approves(ILeaderActionHook hook, MemberTransition transition, CurrentClusterState state, Action<string, Exception> onHookFailed)
    {
        try
        {
            return hook.Approve(transition, state);
        }
        catch (Exception e)
        {
            onHookFailed(nameof(ILeaderActionHook.Approve), e);
            return true;
        }
    }

    private sealed class Registration(LeaderActionHooks owner, ILeaderActionHook hook) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref owner._hooks, hooks => hooks.Remove(hook));
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AkkaConvergence.Hosting;

/// <summary>
/// This node's cluster health: Healthy when it is Up and its view converged; Degraded while it is
/// Joining, WeaklyUp, Leaving or Exiting, when its view has not converged for longer than
/// <see cref="ConvergenceHealthCheckOptions.DegradedWhenUnconvergedFor"/>, or when members are
/// unreachable; Unhealthy when it is Down, Removed (not joined yet, left or removed) or shut down.
/// The result's data carries status, members, unreachable, leader and converged.
/// </summary>
public sealed class ConvergenceClusterHealthCheck : IHealthCheck
{
    private readonly ConvergenceCluster _cluster;
    private readonly ConvergenceHealthCheckOptions _options;
    private readonly TimeProvider _time;

    /// <param name="cluster">The node to check.</param>
    /// <param name="options">When to report Degraded.</param>
    /// <param name="time">The clock that measures how long the view has been unconverged (the system clock by default).</param>
    public ConvergenceClusterHealthCheck(ConvergenceCluster cluster, ConvergenceHealthCheckOptions? options = null, TimeProvider? time = null)
    {
        _cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));
        _options = options ?? new ConvergenceHealthCheckOptions();
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check());

    private HealthCheckResult Check()
    {
        var state = _cluster.State;
        var status = _cluster.SelfMember.Status;
        var data = new Dictionary<string, object>
        {
            ["status"] = _cluster.IsTerminated ? "Terminated" : status.ToString(),
            ["members"] = state.Members.Count,
            ["unreachable"] = state.Unreachable.Count,
            ["converged"] = state.IsConverged,
            ["leader"] = state.Leader?.ToString() ?? string.Empty,
        };

        if (_cluster.IsTerminated)
        {
            return HealthCheckResult.Unhealthy($"The membership of {_cluster.SelfAddress} has ended.", data: data);
        }

        if (status is MemberStatus.Down or MemberStatus.Removed)
        {
            return HealthCheckResult.Unhealthy(
                status == MemberStatus.Down ? $"{_cluster.SelfAddress} is Down." : $"{_cluster.SelfAddress} is not a member (not joined yet).",
                data: data);
        }

        if (status != MemberStatus.Up)
        {
            return HealthCheckResult.Degraded($"{_cluster.SelfAddress} is {status}.", data: data);
        }

        if (_options.DegradedWhenMembersUnreachable && !state.Unreachable.IsEmpty)
        {
            return HealthCheckResult.Degraded(
                $"{state.Unreachable.Count} member(s) unreachable: {string.Join(", ", state.Unreachable.Select(m => m.Address))}.",
                data: data);
        }

        if (_cluster.UnconvergedSince is { } since && _time.GetUtcNow() - since > _options.DegradedWhenUnconvergedFor)
        {
            return HealthCheckResult.Degraded($"The view of {_cluster.SelfAddress} has not converged since {since:O}.", data: data);
        }

        return HealthCheckResult.Healthy($"{_cluster.SelfAddress} is Up{(state.IsConverged ? " and converged" : ", converging")}.", data);
    }
}

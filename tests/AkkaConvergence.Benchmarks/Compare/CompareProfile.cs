using System.Globalization;

namespace AkkaConvergence.Benchmarks.Compare;

/// <summary>The timing both implementations run with, so they are compared on identical settings.</summary>
internal sealed record CompareProfile(string Name, TimeSpan Interval, TimeSpan HeartbeatInterval, TimeSpan AcceptablePause, TimeSpan StableAfter)
{
    public static CompareProfile Default { get; } = new("default", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));

    public static CompareProfile Fast { get; } = new("fast", TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

    public static CompareProfile Parse(string name) => name switch
    {
        "default" => Default,
        "fast" => Fast,
        _ => throw new ArgumentException($"--profile must be default or fast, was '{name}'."),
    };

    public static string Ms(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary>
    /// The timing keys both implementations name alike (under <c>akka.cluster</c> or
    /// <c>akka.convergence</c>), generated once so the two cannot drift apart.
    /// </summary>
    public string SharedTiming(string root) => $$"""
        {{root}} {
          gossip-interval = {{Ms(Interval)}}
          leader-actions-interval = {{Ms(Interval)}}
          unreachable-nodes-reaper-interval = {{Ms(Interval)}}
          periodic-tasks-initial-delay = {{Ms(Interval)}}
          failure-detector {
            heartbeat-interval = {{Ms(HeartbeatInterval)}}
            acceptable-heartbeat-pause = {{Ms(AcceptablePause)}}
            monitored-by-nr-of-members = 5
          }
        }
        """;

    /// <summary>
    /// Settings shared by both in a run whose crashes are silent hosts: the throttler adapter is
    /// applied, so a node can be blackholed (nothing refused, nothing answered).
    /// </summary>
    public static string CommonWithThrottler => "akka.remote.dot-netty.tcp.applied-adapters = [trttl]\n" + Common;

    /// <summary>Settings shared by both: the transport and logging, with CoordinatedShutdown off on terminate (a terminate is a crash).</summary>
    public static string Common => """
        akka {
          loglevel = OFF
          stdout-loglevel = OFF
          remote.log-remote-lifecycle-events = off
          remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
          coordinated-shutdown.run-by-actor-system-terminate = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """;
}

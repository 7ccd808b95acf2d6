using Akka.Actor;
using AkkaConvergence.Protocol;

namespace AkkaConvergence;

/// <summary>
/// Graceful leave on CoordinatedShutdown (e.g. ActorSystem.Terminate()): leave, wait for Exiting,
/// confirm the exit once the earlier phases ran, and end the membership in cluster-shutdown.
/// </summary>
internal static class ConvergenceShutdownTasks
{
    /// <summary>How long the cluster-shutdown phase waits for subscribers to have processed the final events.</summary>
    private static readonly TimeSpan FinalEventsTimeout = TimeSpan.FromSeconds(5);

    public static void Register(CoordinatedShutdown shutdown, SelfMembership self, Action leave, Action confirmExitingCompleted, Func<TimeSpan, Task> finalEventsDelivered)
    {
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "convergence-leave", async () =>
        {
            if (!self.IsTerminated && self.SelfMember.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up)
            {
                leave();
                await self.WaitFor(member => member.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up), true, "leaving", CancellationToken.None).ConfigureAwait(false);
            }

            return Akka.Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterExiting, "convergence-wait-exiting", async () =>
        {
            if (!self.IsTerminated && self.SelfMember.Status == MemberStatus.Leaving)
            {
                await self.WaitFor(member => member.Status is not MemberStatus.Leaving, true, "exiting", CancellationToken.None).ConfigureAwait(false);
            }

            return Akka.Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterExitingDone, "convergence-exiting-done", async () =>
        {
            if (!self.IsTerminated && self.SelfMember.Status == MemberStatus.Exiting)
            {
                confirmExitingCompleted();
                await self.WaitFor(_ => false, true, "removal", CancellationToken.None).ConfigureAwait(false);
            }

            return Akka.Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterShutdown, "convergence-shutdown", async () =>
        {
            self.Terminate("shutdown");
            await finalEventsDelivered(FinalEventsTimeout).ConfigureAwait(false); // Before user actors (subscribers) are stopped.
            return Akka.Done.Instance;
        });
    }

    /// <summary>Carries out the core's request to end (or to start exiting) this node's membership.</summary>
    public static void OnShutdownRequested(CoordinatedShutdown shutdown, SelfMembership self, bool runCoordinatedShutdownWhenDown, ShutdownReason reason)
    {
        if (reason == ShutdownReason.Exiting)
        {
            _ = shutdown.Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
            return;
        }

        if (reason == ShutdownReason.JoinRefused)
        {
            self.Terminate("the cluster refused the join: its settings conflict with this node's, see the error logged above");
            if (runCoordinatedShutdownWhenDown)
            {
                _ = shutdown.Run(CoordinatedShutdown.ClusterJoinUnsuccessfulReason.Instance);
            }

            return;
        }

        self.Terminate(reason.ToString());
        if (runCoordinatedShutdownWhenDown)
        {
            _ = shutdown.Run(CoordinatedShutdown.ClusterDowningReason.Instance);
        }
    }
}

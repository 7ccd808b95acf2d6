using Akka.Actor;
using Akka.Event;
using Akka.Remote;

namespace AkkaConvergence.Actors;

/// <summary>
/// The root of the convergence actors (<c>/system/convergence</c>): starts the publisher, the
/// heartbeat actor and the membership actor. A failing child is a bug in the shell or core: it
/// is logged and stopped, and the extension shuts down rather than run with lost state.
/// </summary>
internal sealed class ConvergenceDaemon : ReceiveActor
{
    private bool _stopping;

    public ConvergenceDaemon(ShellContext shell, IFailureDetectorRegistry<Address> detectors)
    {
        var publisher = Context.ActorOf(EventPublisher.Props(shell.Self.Address), ConvergencePaths.Publisher);
        var heartbeat = Context.ActorOf(HeartbeatActor.Props(shell.Self, shell.Settings.FailureDetector, detectors, shell.Time), ConvergencePaths.Heartbeat);
        var membership = Context.ActorOf(MembershipActor.Props(shell, detectors, publisher, heartbeat), ConvergencePaths.Membership);
        Context.Watch(membership);
        Receive<Terminated>(_ =>
        {
            if (!_stopping)
            {
                shell.Host.OnShutdownRequested(Protocol.ShutdownReason.Removed); // The membership actor failed.
            }
        });
        Receive<Actors.Subscribe>(message => publisher.Forward(message));
        Receive<Actors.Unsubscribe>(message => publisher.Forward(message));
        Receive<SendCurrentState>(message => publisher.Forward(message));
        Receive<PublishShutdown>(message =>
        {
            // The membership has ended: subscribers get the final events; nothing heartbeats or gossips any more.
            _stopping = true;
            publisher.Forward(message);
            Context.Stop(membership);
            Context.Stop(heartbeat);
        });
        ReceiveAny(message => membership.Forward(message));
    }

    public static Props Props(ShellContext shell, IFailureDetectorRegistry<Address> detectors) =>
        Akka.Actor.Props.Create(() => new ConvergenceDaemon(shell, detectors));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(error =>
    {
        Context.GetLogger().Error(error, "Convergence: a cluster actor failed; shutting the extension down.");
        return Directive.Stop;
    });
}

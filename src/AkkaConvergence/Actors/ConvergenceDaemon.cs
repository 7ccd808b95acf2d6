using Akka.Actor;
using Akka.Event;

namespace AkkaConvergence.Actors;

/// <summary>
/// The root of the convergence actors (<c>/system/convergence</c>): starts the publisher and the
/// membership actor and routes the extension's requests to them. It takes only requests made in
/// this process (<see cref="LocalRequest"/>); anything else is refused and counted. A failing child
/// is a bug in the shell or core: it is logged and stopped, and the extension shuts down rather
/// than run with lost state.
/// </summary>
internal sealed class ConvergenceDaemon : ReceiveActor
{
    private readonly ShellContext _shell;
    private readonly MembershipLog _log;
    private bool _stopping;

    public ConvergenceDaemon(ShellContext shell)
    {
        _shell = shell;
        _log = new MembershipLog(Context.GetLogger(), shell.Self);
        var publisher = Context.ActorOf(EventPublisher.Props(shell), ConvergencePaths.Publisher);
        var membership = Context.ActorOf(MembershipActor.Props(shell, publisher), ConvergencePaths.Membership);
        Context.Watch(membership);
        Receive<Terminated>(_ =>
        {
            if (!_stopping)
            {
                _shell.Host.OnShutdownRequested(Protocol.ShutdownReason.Removed); // The membership actor failed.
            }
        });
        Receive<LocalRequest>(request => request is { IsGenuine: true, Request: PublishShutdown }, request =>
        {
            // The membership has ended: subscribers get the final events; nothing heartbeats or gossips any more.
            _stopping = true;
            publisher.Forward(request);
            Context.Stop(membership);
        });
        Receive<LocalRequest>(request => request is { IsGenuine: true, Request: Subscribe or Unsubscribe or SendCurrentState or AwaitDelivery }, publisher.Forward);
        Receive<LocalRequest>(request => request.IsGenuine, membership.Forward);
        ReceiveAny(message =>
        {
            var reason = Refusals.ReasonOf(message);
            _log.Refused(reason, message, Sender, _shell.Metrics.CountRefusal(reason));
        });
    }

    public static Props Props(ShellContext shell) => Akka.Actor.Props.Create(() => new ConvergenceDaemon(shell));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(error =>
    {
        Context.GetLogger().Error(error, "Convergence: a cluster actor failed; shutting the extension down.");
        return Directive.Stop;
    });
}

using System.Numerics;
using Akka.Event;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Actors;

/// <summary>
/// The membership actor's log lines, worded from the core's typed facts, at the levels an operator
/// expects: joins, leader changes and applied transitions at Info; unreachability, downing, a
/// starved node and foreign traffic at Warning; routine drops at Debug. Repeated drops and
/// refusals of one reason are logged at the 1st, 2nd, 4th, 8th… occurrence, so a flood cannot
/// flood the log.
/// </summary>
internal sealed class MembershipLog
{
    private readonly ILoggingAdapter _log;
    private readonly UniqueAddress _self;

    public MembershipLog(ILoggingAdapter log, UniqueAddress self)
    {
        _log = log;
        _self = self;
    }

    public void LeaderChanged(UniqueAddress? leader)
    {
        if (leader == _self)
        {
            _log.Info("Convergence: {0} is the new leader among reachable nodes (more leaders may exist during a partition).", _self.Address);
        }
        else
        {
            _log.Info("Convergence: leader is now {0}.", leader?.Address.ToString() ?? "none");
        }
    }

    public void LeaderApplied(IReadOnlyList<MemberTransition> transitions) =>
        _log.Info("Convergence: leader moved {0}.", string.Join(", ", transitions.Select(t => $"{t.Member.Address} {t.From} -> {t.To}")));

    public void Fact(CoreFact fact)
    {
        switch (fact)
        {
            case FormedNewCluster formed:
                _log.Info("Convergence: {0} formed a new cluster.", formed.Self);
                break;
            case JoinAdmitted admitted:
                _log.Info("Convergence: {0} is joining{1}.", admitted.Joiner, admitted.Roles.IsEmpty ? string.Empty : $" with roles [{string.Join(",", admitted.Roles)}]");
                break;
            case JoinRetried retried:
                _log.Info("Convergence: no welcome from {0} in time; trying again.", retried.Contact);
                break;
            case JoinRefusedByCluster refused:
                _log.Error(
                    "Convergence: {0} refused this node's join, because their settings conflict: {1}. Make these settings the same on every node (or set akka.convergence.configuration-compatibility-check.enforce-on-join = off on the cluster's nodes). This node's membership ends.",
                    refused.By,
                    Shown(refused.Conflicts));
                break;
            case IncompatibleJoinerAdmitted admitted:
                _log.Warning(
                    "Convergence: admitting {0} although its settings conflict with this node's ({1}), because enforce-on-join is off.",
                    admitted.Joiner,
                    Shown(admitted.Conflicts));
                break;
            case Welcomed welcomed:
                _log.Info("Convergence: welcomed by {0}.", welcomed.By);
                break;
            case IncarnationReplaced replaced:
                _log.Info("Convergence: {0} replaces its previous incarnation {1}, which was removed.", replaced.Joiner, replaced.Previous);
                break;
            case MarkedUnreachable unreachable:
                _log.Warning("Convergence: marking {0} as unreachable.", unreachable.Member);
                break;
            case MarkedReachable reachable:
                _log.Info("Convergence: marking {0} as reachable again.", reachable.Member);
                break;
            case DowningDecided decided:
                _log.Warning(
                    "Convergence: {0} ({1}): downing {2}.",
                    decided.Kind,
                    decided.UnstableTooLong ? "reachability stayed unstable too long" : $"{decided.Strategy} after stable-after",
                    string.Join(", ", decided.Downed));
                break;
            case TimerDelayed delayed:
                _log.Warning(
                    "Convergence: the {0} round ran {1} ms late (interval {2} ms): thread starvation, CPU overload or GC pauses on this node can cause false unreachability.",
                    delayed.Task,
                    delayed.LateMillis,
                    delayed.IntervalMillis);
                break;
            case MemberSuspected suspected:
                _log.Info("Convergence: suspecting {0}: a probe went unanswered, directly and through helpers; it is marked unreachable unless it answers in time.", suspected.Member);
                break;
            case SuspicionCleared cleared:
                _log.Info("Convergence: {0} answered; no longer suspected.", cleared.Member);
                break;
            case SuspicionRefuted refuted:
                _log.Info("Convergence: {0} suspected this node; refuted (a sign this node may be slow).", refuted.Accuser);
                break;
            case SelfRemovalReported reported:
                _log.Warning("Convergence: {0} reports that this node was removed; its membership ends.", reported.By);
                break;
            case DeltaBasisMissed missed:
                _log.Debug("Convergence: a gossip delta from {0} did not fit this node's version; {1}.", missed.From, missed.HeldTarget ? "it already holds the result" : "asked for the whole gossip");
                break;
            default:
                _log.Info("Convergence: {0}", fact);
                break;
        }
    }

    public void Dropped(InputDropped dropped, long countSoFar)
    {
        var warn = dropped.Reason is DropReason.ForeignCluster or DropReason.RemovedIncarnation or DropReason.UnknownMember or DropReason.IncompatibleSettings or DropReason.UnexpectedRefusal;
        if (!BitOperations.IsPow2(countSoFar) || !(warn ? _log.IsWarningEnabled : _log.IsDebugEnabled))
        {
            return;
        }

        var message = "Convergence: ignored {0} from/about {1} ({2}: {3}); {4} so far.";
        var explained = dropped.Detail is null ? Explain(dropped.Reason) : $"{Explain(dropped.Reason)}: {Wire.WireFrame.Printable(dropped.Detail, 1_000)}";
        object[] args = [dropped.Input, (object?)dropped.Node ?? dropped.Address?.ToString() ?? "-", dropped.Reason, explained, countSoFar];
        if (warn)
        {
            _log.Warning(message, args);
        }
        else
        {
            _log.Debug(message, args);
        }
    }

    public void Refused(RefusalReason reason, object message, Akka.Actor.IActorRef sender, long countSoFar)
    {
        if (!BitOperations.IsPow2(countSoFar))
        {
            return; // The 1st, 2nd, 4th, 8th, ... of each reason: a flood cannot flood the log.
        }

        if (message is Wire.RefusedInbound refused && Wire.LocalProof.IsGenuine(refused.Proof))
        {
            _log.Warning("Convergence: refused a message (manifest '{0}') from {1} ({2}: {3}); {4} so far.", Wire.WireFrame.Printable(refused.Manifest), sender, reason, Wire.WireFrame.Printable(refused.Detail, 400), countSoFar);
        }
        else
        {
            _log.Warning("Convergence: refused {0} from {1} ({2}); {3} so far.", message.GetType().Name, sender, reason, countSoFar);
        }
    }

    public void HookFailed(string what, Exception error) =>
        _log.Error(error, "Convergence: a leader-action hook threw in {0}; counted as approving.", what);

    /// <summary>Settings conflicts for one log line; a refusal's come from a peer, so each is made printable and bounded.</summary>
    private static string Shown(IEnumerable<string> conflicts) =>
        string.Join("; ", conflicts.Select(conflict => Wire.WireFrame.Printable(conflict, 200)));

    private static string Explain(DropReason reason) => reason switch
    {
        DropReason.NotInitialized => "this node has not joined a cluster yet",
        DropReason.Terminated => "this incarnation's membership has ended",
        DropReason.AlreadyJoined => "an incarnation joins only once",
        DropReason.ForeignCluster => "another actor system or transport",
        DropReason.WrongIncarnation => "addressed to another incarnation",
        DropReason.UnknownSender => "the sender is not a member",
        DropReason.UnreachableSender => "this node marks the sender unreachable",
        DropReason.NotInGossip => "the gossip does not contain this node",
        DropReason.RemovedIncarnation => "a removed incarnation; it must restart to join again",
        DropReason.UnknownMember => "not a member (or no usable seed)",
        DropReason.SelfNotAvailable => "this node cannot take joiners now; use a member that is Up",
        DropReason.UnexpectedWelcome => "this node did not ask for it",
        DropReason.Stale => "no longer applies",
        DropReason.IncompatibleSettings => "its settings conflict with this cluster's; it was refused and told why",
        DropReason.UnexpectedRefusal => "this node is not joining through that node",
        _ => reason.ToString(),
    };
}

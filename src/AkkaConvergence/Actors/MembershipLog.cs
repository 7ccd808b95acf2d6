using Akka.Event;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Actors;

/// <summary>
/// The membership actor's log lines, at the levels an operator expects: joins, leader changes and
/// applied transitions at Info; unreachability, downing and foreign traffic at Warning; routine
/// drops (stale, duplicate) at Debug.
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

    public void Noted(Noted noted)
    {
        switch (noted.Kind)
        {
            case NoteKind.MemberMarkedUnreachable or NoteKind.DowningDecision:
                _log.Warning("Convergence: {0}", noted.Detail);
                break;
            default:
                _log.Info("Convergence: {0}", noted.Detail);
                break;
        }
    }

    public void Dropped(InputDropped dropped)
    {
        switch (dropped.Reason)
        {
            case DropReason.ForeignCluster or DropReason.RemovedIncarnation or DropReason.UnknownMember:
                _log.Warning("Convergence: ignored ({0}): {1}", dropped.Reason, dropped.Detail);
                break;
            default:
                _log.Debug("Convergence: ignored ({0}): {1}", dropped.Reason, dropped.Detail);
                break;
        }
    }

    public void HookFailed(string what, Exception error) =>
        _log.Error(error, "Convergence: a leader-action hook threw in {0}; counted as approving.", what);
}

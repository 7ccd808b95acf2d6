using System.Diagnostics.Metrics;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Diagnostics;

/// <summary>
/// The node's instruments on the <c>AkkaConvergence</c> meter (System.Diagnostics.Metrics), so
/// OpenTelemetry, dotnet-counters and a <see cref="MeterListener"/> read them with no dependency
/// in this library. One meter per extension, disposed when the ActorSystem terminates; every
/// measurement carries the <c>akka.convergence.node</c> tag (this node's address), so several
/// ActorSystems in one process stay apart. Instrument names are listed in docs/operations.md.
/// </summary>
internal sealed class ConvergenceMeter : IDisposable
{
    /// <summary>The meter's name, as OpenTelemetry's <c>AddMeter</c> and <c>dotnet-counters --counters</c> take it.</summary>
    public const string MeterName = "AkkaConvergence";

    /// <summary>The tag that tells nodes apart.</summary>
    public const string NodeTag = "akka.convergence.node";

    private static readonly MemberStatus[] Statuses = Enum.GetValues<MemberStatus>().Where(s => s != MemberStatus.Removed).ToArray();

    private readonly Meter _meter;
    private readonly KeyValuePair<string, object?> _node;
    private readonly Counter<long> _messagesSent;
    private readonly Counter<long> _messagesReceived;
    private readonly Counter<long> _bytesSent;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _suspicions;
    private readonly Counter<long> _refutations;
    private readonly Counter<long> _reachabilityChanges;
    private readonly Counter<long> _downingDecisions;
    private readonly Counter<long> _stateUndecodable;
    private readonly Counter<long> _stateChanges;
    private readonly Histogram<double> _convergenceDuration;

    public ConvergenceMeter(string node, Func<CurrentClusterState> state, Func<bool> isTerminated)
    {
        _meter = new Meter(MeterName, typeof(ConvergenceMeter).Assembly.GetName().Version?.ToString());
        _node = new(NodeTag, node);
        _messagesSent = _meter.CreateCounter<long>("akka.convergence.messages.sent", "{message}", "Convergence messages this node sent to peers, by kind.");
        _messagesReceived = _meter.CreateCounter<long>("akka.convergence.messages.received", "{message}", "Convergence messages this node received from peers, by kind (refused ones included).");
        _bytesSent = _meter.CreateCounter<long>("akka.convergence.bytes.sent", "By", "Serialized bytes of the convergence messages sent, by kind.");
        _bytesReceived = _meter.CreateCounter<long>("akka.convergence.bytes.received", "By", "Serialized bytes of the convergence messages received, by kind.");
        _dropped = _meter.CreateCounter<long>("akka.convergence.inputs.dropped", "{input}", "Inputs the protocol core ignored (stale, foreign, out of turn), by reason.");
        _refused = _meter.CreateCounter<long>("akka.convergence.messages.refused", "{message}", "Messages the shell refused before the core (undecodable, another cluster's, unsigned), by reason.");
        _suspicions = _meter.CreateCounter<long>("akka.convergence.suspicions", "{suspicion}", "Members this node started to suspect (Lifeguard).");
        _refutations = _meter.CreateCounter<long>("akka.convergence.refutations", "{refutation}", "Suspicions of this node that it refuted (Lifeguard).");
        _reachabilityChanges = _meter.CreateCounter<long>("akka.convergence.reachability.changes", "{change}", "Members this node marked unreachable or reachable again, by direction.");
        _downingDecisions = _meter.CreateCounter<long>("akka.convergence.downing.decisions", "{decision}", "Downing decisions this node took as leader, by strategy.");
        _stateUndecodable = _meter.CreateCounter<long>("akka.convergence.state.undecodable", "{value}", "Key/value entries this node could not deserialize on read (skipped).");
        _stateChanges = _meter.CreateCounter<long>("akka.convergence.state.changes", "{change}", "Key/value entries that changed in this node's view, by owner: self or other.");
        _convergenceDuration = _meter.CreateHistogram<double>("akka.convergence.convergence.duration", "ms", "Time from a membership change seen by this node until its view converged again.");

        _meter.CreateObservableGauge("akka.convergence.members", () => MembersByStatus(state, isTerminated), "{member}", "Members in this node's view, by status.");
        _meter.CreateObservableGauge("akka.convergence.members.unreachable", () => Measure(isTerminated, () => state().Unreachable.Count), "{member}", "Members this node's view holds unreachable.");
        _meter.CreateObservableGauge("akka.convergence.converged", () => Measure(isTerminated, () => state().IsConverged ? 1 : 0), null, "1 while this node's view is converged, else 0.");
        _meter.CreateObservableGauge("akka.convergence.leader", () => Measure(isTerminated, () => state().Leader?.ToString() == node ? 1 : 0), null, "1 while this node is the leader, else 0.");
    }

    public void MessageSent(string manifest, int bytes) => Count(_messagesSent, _bytesSent, manifest, bytes);

    public void MessageReceived(string? manifest, int bytes) => Count(_messagesReceived, _bytesReceived, manifest, bytes);

    public void Dropped(DropReason reason) => _dropped.Add(1, _node, new("reason", reason.ToString()));

    /// <summary>Counts a message the shell refused; the reason is the shell's (its refusal reasons live above this layer).</summary>
    public void Refused(string reason) => _refused.Add(1, _node, new("reason", reason));

    public void StateUndecodable() => _stateUndecodable.Add(1, _node);

    public void StateChanged(bool own, int count) => _stateChanges.Add(count, _node, new("owner", own ? "self" : "other"));

    public void ConvergedAfter(TimeSpan elapsed) => _convergenceDuration.Record(elapsed.TotalMilliseconds, _node);

    /// <summary>Counts the facts that have an instrument; the others only go to the log.</summary>
    public void Fact(CoreFact fact)
    {
        switch (fact)
        {
            case MemberSuspected:
                _suspicions.Add(1, _node);
                break;
            case SuspicionRefuted:
                _refutations.Add(1, _node);
                break;
            case MarkedUnreachable:
                _reachabilityChanges.Add(1, _node, new("to", "unreachable"));
                break;
            case MarkedReachable:
                _reachabilityChanges.Add(1, _node, new("to", "reachable"));
                break;
            case DowningDecided decided:
                _downingDecisions.Add(1, _node, new("strategy", decided.Strategy.ToString()));
                break;
        }
    }

    public void Dispose() => _meter.Dispose();

    private void Count(Counter<long> messages, Counter<long> bytes, string? manifest, int size)
    {
        var kind = new KeyValuePair<string, object?>("kind", MessageKinds.Of(manifest));
        messages.Add(1, _node, kind);
        bytes.Add(size, _node, kind);
    }

    private IEnumerable<Measurement<int>> MembersByStatus(Func<CurrentClusterState> state, Func<bool> isTerminated)
    {
        if (isTerminated())
        {
            yield break;
        }

        var members = state().Members;
        foreach (var status in Statuses)
        {
            yield return new Measurement<int>(members.Count(m => m.Status == status), _node, new("status", status.ToString()));
        }
    }

    private IEnumerable<Measurement<int>> Measure(Func<bool> isTerminated, Func<int> value)
    {
        if (!isTerminated())
        {
            yield return new Measurement<int>(value(), _node);
        }
    }
}

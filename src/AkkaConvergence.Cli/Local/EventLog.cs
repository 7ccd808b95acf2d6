using System.Collections.Concurrent;
using Akka.Actor;

namespace AkkaConvergence.Cli.Local;

/// <summary>Collects one node's cluster events as readable lines, for the live view or plain output.</summary>
internal sealed class EventLog
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Action<string>? _echo;
    private readonly Func<string> _clock;

    public EventLog(Func<string> clock, Action<string>? echo)
    {
        _clock = clock;
        _echo = echo;
    }

    public IReadOnlyList<string> Latest(int count) => _lines.TakeLast(count).ToList();

    public void Attach(LocalNode node)
    {
        var listener = node.System.ActorOf(Props.Create(() => new Listener(this, node.Name)), "event-log");
        node.Cluster.Subscribe(listener, InitialStateMode.AsEvents, typeof(IMemberEvent), typeof(IReachabilityEvent), typeof(LeaderChanged));
    }

    private void Add(string line)
    {
        var stamped = $"{_clock()} {line}";
        _lines.Enqueue(stamped);
        while (_lines.Count > 200)
        {
            _lines.TryDequeue(out _);
        }

        _echo?.Invoke(stamped);
    }

    private static string Describe(object message) => message switch
    {
        MemberRemoved removed => $"MemberRemoved  {removed.Member.Address} (was {removed.PreviousStatus})",
        IMemberEvent member => $"{member.GetType().Name,-14} {member.Member.Address}",
        IReachabilityEvent reachability => $"{reachability.GetType().Name,-14} {reachability.Member.Address}",
        LeaderChanged leader => $"LeaderChanged  {leader.Leader?.ToString() ?? "none"}",
        _ => message.ToString() ?? string.Empty,
    };

    private sealed class Listener : ReceiveActor
    {
        public Listener(EventLog log, string node) => ReceiveAny(message => log.Add($"[{node}] {Describe(message)}"));
    }
}

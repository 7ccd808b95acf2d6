using System.Collections.Concurrent;
using Akka.Actor;

namespace AkkaConvergence.Management;

/// <summary>
/// The last N cluster events of one node, for <c>/cluster/events</c> and the page: an actor
/// subscribed to every <see cref="IClusterDomainEvent"/> appends, HTTP requests read a copy.
/// </summary>
internal sealed class RecentClusterEvents
{
    private readonly ConcurrentQueue<ClusterEventResponse> _events = new();
    private readonly int _capacity;
    private readonly TimeProvider _time;

    public RecentClusterEvents(int capacity, TimeProvider time)
    {
        _capacity = capacity;
        _time = time;
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<ClusterEventResponse> Snapshot() => [.. _events];

    public void Start(ActorSystem system, ConvergenceCluster cluster)
    {
        var recorder = system.ActorOf(Props.Create(() => new Recorder(this)), "convergence-management-events");
        cluster.Subscribe(recorder, InitialStateMode.AsEvents, typeof(IClusterDomainEvent));
    }

    internal void Add(IClusterDomainEvent clusterEvent)
    {
        _events.Enqueue(Describe(clusterEvent, _time.GetUtcNow()));
        while (_events.Count > _capacity && _events.TryDequeue(out _))
        {
        }
    }

    private static ClusterEventResponse Describe(IClusterDomainEvent clusterEvent, DateTimeOffset at) => clusterEvent switch
    {
        MemberRemoved removed => new(at, nameof(MemberRemoved), removed.Member.Address.ToString(), $"was {removed.PreviousStatus}"),
        IMemberEvent member => new(at, member.GetType().Name, member.Member.Address.ToString(), null),
        IReachabilityEvent reachability => new(at, reachability.GetType().Name, reachability.Member.Address.ToString(), null),
        LeaderChanged leader => new(at, nameof(LeaderChanged), leader.Leader?.ToString(), null),
        RoleLeaderChanged roleLeader => new(at, nameof(RoleLeaderChanged), roleLeader.Leader?.ToString(), $"role {roleLeader.Role}"),
        ConvergenceChanged convergence => new(at, nameof(ConvergenceChanged), null, convergence.IsConverged ? "converged" : "not converged"),
        _ => new(at, clusterEvent.GetType().Name, null, null),
    };

    /// <summary>Appends every cluster event it is sent.</summary>
    private sealed class Recorder : ReceiveActor
    {
        public Recorder(RecentClusterEvents events) => Receive<IClusterDomainEvent>(events.Add);
    }
}

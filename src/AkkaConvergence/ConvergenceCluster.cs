using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote;
using AkkaConvergence.Actors;
using AkkaConvergence.Configuration;
using AkkaConvergence.Diagnostics;
using AkkaConvergence.Hooks;
using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;

namespace AkkaConvergence;

/// <summary>
/// Cluster membership for one ActorSystem: join, leave, down, subscribe to member events, read
/// the current state, and hook into the leader's decisions. Get it with
/// <see cref="Get(ActorSystem)"/> (or start it through <c>akka.extensions</c>). Needs
/// <c>akka.actor.provider = remote</c>; works over any Akka.Remote transport.
/// </summary>
public sealed class ConvergenceCluster : IExtension
{
    private static readonly ImmutableHashSet<MemberStatus> UpStatuses = [MemberStatus.Up, MemberStatus.WeaklyUp];

    private readonly IActorRef _daemon;
    private readonly SelfMembership _self;

    internal ConvergenceCluster(ExtendedActorSystem system)
    {
        if (system.Provider is not RemoteActorRefProvider)
        {
            throw new ConfigurationException(
                $"AkkaConvergence needs akka.actor.provider = remote, but ActorSystem '{system.Name}' uses {system.Provider.GetType().Name}.");
        }

        var log = Logging.GetLogger(system, typeof(ConvergenceCluster));
        Settings = ConvergenceSettings.Create(system.Settings.Config.WithFallback(ConvergenceConfig.Reference));
        RemoteFrameLimit.Check(Settings.MaxMessageSize, system.Settings.Config);
        SelfAddress = system.Provider.DefaultAddress;
        SelfUniqueAddress = new UniqueAddress(SelfAddress, AddressUidExtension.Uid(system));
        var timeSetup = system.Settings.Setup.Get<ConvergenceTimeSetup>();
        var time = timeSetup.HasValue ? timeSetup.Value.Time : TimeProvider.System;
        _self = new SelfMembership(SelfUniqueAddress, Settings.Roles, log, time);
        var meter = new ConvergenceMeter(SelfAddress.ToString(), () => _self.State, () => _self.IsTerminated);
        Metrics = new ConvergenceMetrics(meter);

        // The parts first: injecting reference.conf binds the serializer, and Akka may build it at once.
        var frame = new WireFrame(Settings.ClusterLabel, Settings.Authentication);
        SerializerParts.Register(system, new SerializerParts(frame, meter));
        system.Settings.InjectTopLevelFallback(ConvergenceConfig.Reference);
        // Also added directly: whether Akka builds the configured binding at once or only at its next
        // rebuild, the serializer is in place before the first message arrives.
        var serializer = new ConvergenceSerializer(system);
        system.Serialization.AddSerializer("akka-convergence", serializer);
        system.Serialization.AddSerializationMap(typeof(IClusterMessage), serializer);
        system.Serialization.AddSerializationMap(typeof(SealedFrame), serializer);

        var origin = time.GetTimestamp();
        var shell = new ShellContext(SelfUniqueAddress, Settings, Hooks, Metrics, time, origin, _self, frame);
        _daemon = system.SystemActorOf(ConvergenceDaemon.Props(shell), ConvergencePaths.Daemon);
        Gossip = new ClusterGossip(_self, SelfUniqueAddress, new GossipValueCodec(system, log, meter), _daemon, time, origin, Settings.GossipState.ToLimits(), log);

        var shutdown = CoordinatedShutdown.Get(system);
        _self.Ended += () => _daemon.Tell(LocalRequest.Of(PublishShutdown.Instance));
        _self.ShutdownRequested += reason => ConvergenceShutdownTasks.OnShutdownRequested(shutdown, _self, Settings.RunCoordinatedShutdownWhenDown, reason);
        ConvergenceShutdownTasks.Register(
            shutdown,
            _self,
            () => Leave(SelfAddress),
            () => _daemon.Tell(LocalRequest.Of(ExitingCompleted.Instance)),
            AwaitFinalEvents);

        // Also without CoordinatedShutdown (run-by-actor-system-terminate = off), the membership
        // ends with the system: OnMemberRemoved callbacks run and waiters are released.
        system.RegisterOnTermination(() =>
        {
            _self.Terminate("the ActorSystem terminated");
            meter.Dispose();
        });
        log.Info("Convergence: started on {0} with roles [{1}].", SelfUniqueAddress, string.Join(",", Settings.Roles));
        if (Settings.SeedNodes.Count > 0)
        {
            JoinSeedNodes(Settings.SeedNodes);
        }
    }

    /// <summary>This node's address.</summary>
    public Address SelfAddress { get; }

    /// <summary>This incarnation: the address plus the uid of this ActorSystem start.</summary>
    public UniqueAddress SelfUniqueAddress { get; }

    /// <summary>This node as a member; status Removed before it joins and after it leaves or is removed.</summary>
    public Member SelfMember => _self.SelfMember;

    /// <summary>This node's roles (<c>akka.convergence.roles</c>).</summary>
    public IImmutableSet<string> SelfRoles => Settings.Roles;

    /// <summary>This node's latest view of the cluster; always current, readable from any thread.</summary>
    public CurrentClusterState State => _self.State;

    /// <summary>
    /// For each member in <see cref="CurrentClusterState.Unreachable"/>, the members that observe it
    /// unreachable (Down observers left out, as the state does): the reachability matrix an
    /// operator reads to tell a dead node from a bad link. Current, readable from any thread.
    /// </summary>
    public IReadOnlyDictionary<UniqueAddress, ImmutableSortedSet<UniqueAddress>> UnreachableObservers => _self.UnreachableObservers;

    /// <summary>
    /// Since when this node's view has not been converged (by the extension's clock), or null while
    /// it is converged and before this node joined; a health check's "not converged for too long".
    /// </summary>
    public DateTimeOffset? UnconvergedSince => _self.UnconvergedSince;

    /// <summary>This node's view of every member's key/value state: write its own entries, read everyone's, check for consensus.</summary>
    public ClusterGossip Gossip { get; }

    /// <summary>The validated <c>akka.convergence</c> settings.</summary>
    public ConvergenceSettings Settings { get; }

    /// <summary>True once this node's membership has ended (left, removed or downed) or the extension stopped.</summary>
    public bool IsTerminated => _self.IsTerminated;

    internal LeaderActionHooks Hooks { get; } = new();

    internal ConvergenceMetrics Metrics { get; }

    /// <summary>The extension of <paramref name="system"/>, started on first use.</summary>
    /// <exception cref="ConfigurationException">The provider is not remote, or <c>akka.convergence</c> has an invalid value (the message names the key).</exception>
    public static ConvergenceCluster Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<ConvergenceCluster, ConvergenceClusterExtension>();
    }

    /// <summary>Joins the node at <paramref name="address"/>; <c>Join(SelfAddress)</c> forms a new cluster. A node joins once.</summary>
    public void Join(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _daemon.Tell(LocalRequest.Of(new JoinCommand(address)));
    }

    /// <summary>Joins and completes when this node is Up or WeaklyUp.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (the join goes on).</exception>
    /// <exception cref="InvalidOperationException">The extension shut down first.</exception>
    public Task JoinAsync(Address address, CancellationToken token = default)
    {
        Join(address);
        return WaitUntilUp(token);
    }

    /// <summary>Joins through the seed nodes: the first seed alone may form a new cluster (after seed-node-timeout).</summary>
    public void JoinSeedNodes(IEnumerable<Address> seedNodes)
    {
        ArgumentNullException.ThrowIfNull(seedNodes);
        _daemon.Tell(LocalRequest.Of(new JoinSeedNodesCommand(seedNodes.ToImmutableList())));
    }

    /// <summary>Joins through the seed nodes and completes when this node is Up or WeaklyUp.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (the join goes on).</exception>
    /// <exception cref="InvalidOperationException">The extension shut down first.</exception>
    public Task JoinSeedNodesAsync(IEnumerable<Address> seedNodes, CancellationToken token = default)
    {
        JoinSeedNodes(seedNodes);
        return WaitUntilUp(token);
    }

    /// <summary>Asks the member at <paramref name="address"/> to leave gracefully (any member may ask for any other).</summary>
    public void Leave(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _daemon.Tell(LocalRequest.Of(new LeaveCommand(address)));
    }

    /// <summary>Leaves gracefully and completes when this node is Removed (at once if it is not a member).</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (the leave goes on).</exception>
    public Task LeaveAsync(CancellationToken token = default)
    {
        if (SelfMember.Status == MemberStatus.Removed)
        {
            return Task.CompletedTask;
        }

        Leave(SelfAddress);
        return _self.WaitFor(_ => false, terminationCompletes: true, "this node was removed", token);
    }

    /// <summary>Marks the member at <paramref name="address"/> as Down (it is removed once unreachable).</summary>
    public void Down(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _daemon.Tell(LocalRequest.Of(new DownCommand(address)));
    }

    /// <summary>Subscribes to events of the given types (or their interfaces); the initial state comes as a snapshot.</summary>
    public void Subscribe(IActorRef subscriber, params Type[] to) => Subscribe(subscriber, InitialStateMode.AsSnapshot, to);

    /// <summary>Subscribes to events of the given types (or their interfaces), with the initial state as a snapshot or as events.</summary>
    /// <exception cref="ArgumentException">No type, or a type that is not a cluster event.</exception>
    public void Subscribe(IActorRef subscriber, InitialStateMode mode, params Type[] to)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(to);
        if (to.Length == 0)
        {
            throw new ArgumentException("Subscribe to at least one event type, e.g. typeof(IMemberEvent).", nameof(to));
        }

        if (to.FirstOrDefault(type => !typeof(IClusterDomainEvent).IsAssignableFrom(type)) is { } wrong)
        {
            throw new ArgumentException($"{wrong} is not a cluster event (IClusterDomainEvent).", nameof(to));
        }

        _daemon.Tell(LocalRequest.Of(new Actors.Subscribe(subscriber, mode, [.. to])));
    }

    /// <summary>Stops all events to <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(IActorRef subscriber) => _daemon.Tell(LocalRequest.Of(new Actors.Unsubscribe(subscriber, null)));

    /// <summary>Stops events of type <paramref name="to"/> to <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(IActorRef subscriber, Type to) => _daemon.Tell(LocalRequest.Of(new Actors.Unsubscribe(subscriber, to)));

    /// <summary>Sends the current <see cref="CurrentClusterState"/> to <paramref name="receiver"/>.</summary>
    public void SendCurrentClusterState(IActorRef receiver) => _daemon.Tell(LocalRequest.Of(new SendCurrentState(receiver)));

    /// <summary>Runs <paramref name="callback"/> once when this node becomes Up (at once if it already is).</summary>
    public void RegisterOnMemberUp(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _self.RegisterOnMemberUp(callback);
    }

    /// <summary>Runs <paramref name="callback"/> once when this node is Removed or the extension stops (at once if it already has).</summary>
    public void RegisterOnMemberRemoved(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _self.RegisterOnMemberRemoved(callback);
    }

    /// <summary>Adds a leader-action hook; dispose the result to remove it. Register on every node that may lead.</summary>
    public IDisposable RegisterLeaderActionHook(ILeaderActionHook hook) => Hooks.Register(hook);

    /// <summary>Until every subscriber has processed the final events (bounded; a node whose actors are already gone does not wait).</summary>
    private async Task AwaitFinalEvents(TimeSpan timeout)
    {
        try
        {
            await _daemon.Ask<Akka.Done>(LocalRequest.Of(new AwaitDelivery(timeout)), timeout + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            // The actors are gone (or a subscriber hangs): shutdown goes on.
        }
    }

    private Task WaitUntilUp(CancellationToken token) =>
        _self.WaitFor(self => UpStatuses.Contains(self.Status), terminationCompletes: false, "this node became Up", token);
}

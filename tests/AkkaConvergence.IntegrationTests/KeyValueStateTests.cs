using Akka.Actor;
using Akka.Serialization;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

/// <summary>
/// <see cref="ClusterGossip"/> on real ActorSystems over Akka.Remote on 127.0.0.1: writes travel to
/// every member, reads take every member's entry, deletions and removals spread, consensus checks
/// follow values and membership, and bad writes or undecodable values are refused or skipped.
/// </summary>
public sealed class KeyValueStateTests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    private async Task<ActorSystem[]> StartCluster(int count, string extraConfig = "")
    {
        var systems = Enumerable.Range(0, count).Select(_ => _cluster.Start(extraConfig)).ToArray();
        var seed = Cluster(systems[0]).SelfAddress;
        foreach (var system in systems)
        {
            await Cluster(system).JoinSeedNodesAsync([seed]).WaitAsync(DefaultWait);
        }

        await AwaitAllUp(systems);
        return systems;
    }

    [Fact]
    public async Task A_value_one_member_sets_is_read_on_every_member_with_the_same_version()
    {
        var systems = await StartCluster(3);
        var writer = Cluster(systems[2]);

        await writer.Gossip.SetStateAsync("load", 0.75).WaitAsync(DefaultWait);
        Assert.Equal(0.75, writer.Gossip.GetState<double>("load")[writer.SelfUniqueAddress]); // Own reads show it once the task completed.

        foreach (var system in systems)
        {
            await AwaitCondition(() => Cluster(system).Gossip.GetState<double>("load").ContainsKey(writer.SelfUniqueAddress), $"{Cluster(system).SelfAddress} sees the load");
        }

        var versions = systems.Select(s => Cluster(s).Gossip.GetStateEntries<double>("load")[writer.SelfUniqueAddress]).ToList();
        Assert.All(versions, entry => Assert.Equal(0.75, entry.Value));
        Assert.Single(versions.Select(entry => entry.Version).Distinct());
        Assert.All(versions, entry => Assert.True(entry.Age >= TimeSpan.Zero));
        Assert.Single(Cluster(systems[0]).Gossip.GetState<double>("load")); // Only the writer has the key.
    }

    [Fact]
    public async Task Every_member_reads_every_members_entry_and_an_overwrite_raises_the_version()
    {
        var systems = await StartCluster(3);
        foreach (var (system, i) in systems.Select((s, i) => (s, i)))
        {
            Cluster(system).Gossip.SetState("zone", $"zone-{i}");
        }

        await AwaitCondition(() => systems.All(s => Cluster(s).Gossip.GetState<string>("zone").Count == 3), "every member sees three zones");
        var owner = Cluster(systems[1]);
        var first = Cluster(systems[0]).Gossip.GetStateEntries<string>("zone")[owner.SelfUniqueAddress].Version;

        await owner.Gossip.SetStateAsync("zone", "zone-moved").WaitAsync(DefaultWait);
        await AwaitCondition(() => Cluster(systems[0]).Gossip.GetState<string>("zone")[owner.SelfUniqueAddress] == "zone-moved", "the overwrite arrives");
        Assert.True(Cluster(systems[0]).Gossip.GetStateEntries<string>("zone")[owner.SelfUniqueAddress].Version > first);
    }

    [Fact]
    public async Task A_deletion_reaches_every_member_and_a_key_set_again_gets_a_higher_version()
    {
        var systems = await StartCluster(3);
        var owner = Cluster(systems[0]);
        await owner.Gossip.SetStateAsync("flag", "on").WaitAsync(DefaultWait);
        await AwaitCondition(() => systems.All(s => Cluster(s).Gossip.GetState<string>("flag").Count == 1), "everyone sees the flag");
        var before = Cluster(systems[2]).Gossip.GetStateEntries<string>("flag")[owner.SelfUniqueAddress].Version;

        owner.Gossip.DeleteState("flag");
        await AwaitCondition(() => systems.All(s => Cluster(s).Gossip.GetState<string>("flag").Count == 0), "everyone sees it deleted");
        Assert.False(Cluster(systems[1]).Gossip.GetStateSnapshot().TryGetValue(owner.SelfUniqueAddress, out _)); // Deleted keys are absent from snapshots.

        await owner.Gossip.SetStateAsync("flag", "again").WaitAsync(DefaultWait);
        await AwaitCondition(() => Cluster(systems[2]).Gossip.GetState<string>("flag").Count == 1, "the key is back");
        Assert.True(Cluster(systems[2]).Gossip.GetStateEntries<string>("flag")[owner.SelfUniqueAddress].Version > before);
    }

    [Fact]
    public async Task A_value_written_with_a_time_to_live_leaves_every_view_when_it_runs_out()
    {
        var systems = await StartCluster(2);
        var owner = Cluster(systems[0]);
        await owner.Gossip.SetStateAsync("lease", "held", TimeSpan.FromMilliseconds(1_500)).WaitAsync(DefaultWait);
        owner.Gossip.SetState("kept", "forever");
        await AwaitCondition(() => Cluster(systems[1]).Gossip.GetState<string>("lease").ContainsKey(owner.SelfUniqueAddress), "the lease arrives");

        await AwaitCondition(() => systems.All(s => Cluster(s).Gossip.GetState<string>("lease").Count == 0), "the lease runs out everywhere");
        Assert.Equal("forever", Cluster(systems[1]).Gossip.GetState<string>("kept")[owner.SelfUniqueAddress]);
        Assert.Throws<ArgumentOutOfRangeException>(() => owner.Gossip.SetState("lease", "x", TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => owner.Gossip.SetState("lease", "x", TimeSpan.FromDays(400)));
    }

    [Fact]
    public async Task Subscribers_get_a_gossip_state_changed_event_after_reads_show_the_change()
    {
        var systems = await StartCluster(2);
        var reader = Cluster(systems[0]);
        var writer = Cluster(systems[1]);
        var (collector, received) = EventCollectors.Start(systems[0]);
        var seenOnEvent = new System.Collections.Concurrent.ConcurrentQueue<bool>();
        var checker = systems[0].ActorOf(Props.Create(() => new ReadOnEvent(reader, writer.SelfUniqueAddress, collector, seenOnEvent)));
        reader.Subscribe(checker, InitialStateMode.AsEvents, typeof(GossipStateChanged));

        writer.Gossip.SetState("role", "primary");
        await AwaitCondition(() => received.OfType<GossipStateChanged>().Any(), "an event arrives");
        writer.Gossip.DeleteState("role");
        await AwaitCondition(() => received.OfType<GossipStateChanged>().Count() >= 2, "the deletion's event arrives");

        Assert.All(received.OfType<GossipStateChanged>(), e => Assert.Equal((writer.SelfUniqueAddress, "role"), (e.Owner, e.Key)));
        Assert.Equal([true, false], seenOnEvent.Take(2)); // Each event came after GetState showed the write, then the deletion.
    }

    [Fact]
    public async Task A_consensus_check_follows_the_values_and_the_members_that_count()
    {
        var systems = await StartCluster(3);
        var gossip = Cluster(systems[0]).Gossip;
        using var check = gossip.RegisterConsensusCheck<int, int?>("epoch", epoch => epoch);
        Assert.Equal((false, null), check.Current);
        Assert.Equal((false, null), await check.TryGetConsensus(TimeSpan.FromMilliseconds(200)));

        foreach (var system in systems)
        {
            Cluster(system).Gossip.SetState("epoch", 7);
        }

        Assert.Equal((true, 7), await check.TryGetConsensus(DefaultWait));
        Assert.Equal((true, 7), check.Current);

        await Cluster(systems[2]).Gossip.SetStateAsync("epoch", 8).WaitAsync(DefaultWait);
        await AwaitCondition(() => !check.Current.Consensus, "a differing value ends the consensus");

        // The member with the other value leaves: the remaining two agree again.
        await Cluster(systems[2]).LeaveAsync().WaitAsync(DefaultWait);
        Assert.Equal((true, 7), await check.TryGetConsensus(DefaultWait));
    }

    [Fact]
    public async Task A_check_over_several_keys_needs_every_key_to_agree()
    {
        var systems = await StartCluster(2);
        var check = ConsensusCheck<string>.Create<string>("schema", s => s).And<int>("schema-version", v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var handle = Cluster(systems[0]).Gossip.RegisterConsensusCheck(check);
        Assert.Equal(["schema", "schema-version"], check.Keys);
        foreach (var system in systems)
        {
            Cluster(system).Gossip.SetState("schema", "3");
        }

        Assert.Equal((false, null), await handle.TryGetConsensus(TimeSpan.FromMilliseconds(500))); // schema-version missing everywhere.
        foreach (var system in systems)
        {
            Cluster(system).Gossip.SetState("schema-version", 3);
        }

        Assert.Equal((true, "3"), await handle.TryGetConsensus(DefaultWait));
    }

    [Fact]
    public async Task A_removed_members_state_goes_from_every_view()
    {
        var systems = await StartCluster(3);
        var leaver = Cluster(systems[2]);
        var leaverAddress = leaver.SelfUniqueAddress;
        await leaver.Gossip.SetStateAsync("load", 1.0).WaitAsync(DefaultWait);
        await AwaitCondition(() => Cluster(systems[0]).Gossip.GetState<double>("load").ContainsKey(leaverAddress), "the load arrives");

        await leaver.LeaveAsync().WaitAsync(DefaultWait);
        await AwaitCondition(() => systems.Take(2).All(s => Cluster(s).State.Members.Count == 2), "the leaver is removed");
        await AwaitCondition(() => systems.Take(2).All(s => !Cluster(s).Gossip.GetState<double>("load").ContainsKey(leaverAddress)), "its state is gone");
        Assert.False(Cluster(systems[1]).Gossip.GetStateSnapshot().ContainsKey(leaverAddress));
    }

    [Fact]
    public async Task Bad_keys_and_values_past_a_quota_are_refused_with_an_argument_error_naming_it()
    {
        var systems = await StartCluster(1, "akka.convergence.gossip-state { max-value-size = 1KiB, max-keys = 2 }");
        var gossip = Cluster(systems[0]).Gossip;

        Assert.Throws<ArgumentException>(() => gossip.SetState("", "x"));
        Assert.Throws<ArgumentException>(() => gossip.SetState(null!, "x"));
        Assert.Throws<ArgumentException>(() => gossip.DeleteState(""));
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() => gossip.SetState("convergence:mine", "x")).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => gossip.SetStateAsync("", "x"));
        var tooLarge = Assert.Throws<ArgumentException>(() => gossip.SetState("blob", new string('x', 2_000)));
        Assert.Contains("max-value-size", tooLarge.Message, StringComparison.Ordinal);

        await gossip.SetStateAsync("a", 1).WaitAsync(DefaultWait);
        await gossip.SetStateAsync("b", 2).WaitAsync(DefaultWait);
        Assert.Contains("max-keys", Assert.Throws<ArgumentException>(() => gossip.SetState("c", 3)).Message, StringComparison.Ordinal);
        await gossip.SetStateAsync("a", 10).WaitAsync(DefaultWait); // Overwriting an existing key is fine.
        Assert.Equal(10, gossip.GetState<int>("a")[Cluster(systems[0]).SelfUniqueAddress]);
    }

    [Fact]
    public async Task A_value_this_node_cannot_deserialize_is_skipped_and_counted_while_gossip_goes_on()
    {
        var reader = _cluster.Start();
        var writer = _cluster.Start(SecretSerializer.Config);
        using var meters = new MeterCollector(Cluster(reader).SelfAddress.ToString());
        await Cluster(reader).JoinSeedNodesAsync([Cluster(reader).SelfAddress]).WaitAsync(DefaultWait);
        await Cluster(writer).JoinSeedNodesAsync([Cluster(reader).SelfAddress]).WaitAsync(DefaultWait);
        await AwaitAllUp([reader, writer]);

        Cluster(writer).Gossip.SetState("secret", new Secret("only the writer can read this"));
        Cluster(writer).Gossip.SetState("plain", "readable");
        await AwaitCondition(() => Cluster(reader).Gossip.GetState<string>("plain").Count == 1, "the readable value arrives");

        Assert.Empty(Cluster(reader).Gossip.GetState<Secret>("secret"));
        Assert.Empty(Cluster(reader).Gossip.GetState<object>("secret"));
        Assert.False(Cluster(reader).Gossip.GetStateSnapshot()[Cluster(writer).SelfUniqueAddress].ContainsKey("secret"));
        Assert.True(meters.Sum("akka.convergence.state.undecodable") >= 1);
        Assert.Equal("only the writer can read this", Cluster(writer).Gossip.GetState<Secret>("secret")[Cluster(writer).SelfUniqueAddress].Text);
    }

    [Fact]
    public async Task Reading_as_another_type_skips_those_entries_and_a_snapshot_never_changes()
    {
        var systems = await StartCluster(1);
        var gossip = Cluster(systems[0]).Gossip;
        await gossip.SetStateAsync("n", 1).WaitAsync(DefaultWait);
        var snapshot = gossip.GetStateSnapshot();

        Assert.Empty(gossip.GetState<string>("n"));
        await gossip.SetStateAsync("n", 2).WaitAsync(DefaultWait);
        Assert.Equal(1, snapshot[Cluster(systems[0]).SelfUniqueAddress]["n"].Value);
        Assert.Equal(2, gossip.GetStateSnapshot()[Cluster(systems[0]).SelfUniqueAddress]["n"].Value);
    }

    /// <summary>Reads the state when an event arrives, then forwards the event, so the test sees what a subscriber would read.</summary>
    private sealed class ReadOnEvent : ReceiveActor
    {
        public ReadOnEvent(ConvergenceCluster node, UniqueAddress owner, IActorRef forward, System.Collections.Concurrent.ConcurrentQueue<bool> seen)
        {
            Receive<GossipStateChanged>(e =>
            {
                seen.Enqueue(node.Gossip.GetState<string>("role").ContainsKey(owner));
                forward.Tell(e);
            });
        }
    }
}

/// <summary>A value only nodes with <see cref="SecretSerializer"/> can read.</summary>
public sealed record Secret(string Text);

/// <summary>A user serializer the reading node does not have (its id is unknown there).</summary>
public sealed class SecretSerializer(ExtendedActorSystem system) : Serializer(system)
{
    public const string Config = """
        akka.actor {
          serializers.secret = "AkkaConvergence.IntegrationTests.SecretSerializer, AkkaConvergence.IntegrationTests"
          serialization-bindings { "AkkaConvergence.IntegrationTests.Secret, AkkaConvergence.IntegrationTests" = secret }
          serialization-identifiers { "AkkaConvergence.IntegrationTests.SecretSerializer, AkkaConvergence.IntegrationTests" = 4242 }
        }
        """;

    public override int Identifier => 4242;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) => System.Text.Encoding.UTF8.GetBytes(((Secret)obj).Text);

    public override object FromBinary(byte[] bytes, Type? type) => new Secret(System.Text.Encoding.UTF8.GetString(bytes));
}

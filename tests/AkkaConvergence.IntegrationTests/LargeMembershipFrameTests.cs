using Akka.Actor;
using AkkaConvergence.Actors;
using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

/// <summary>
/// The gossip of a 10,000-member cluster (two real nodes and a synthetic member set with random
/// uids) sent over Akka.Remote with its default maximum frame of 128,000 bytes: the payload alone
/// is more than twice that, so it arrives only because the frame compresses it.
/// </summary>
public sealed class LargeMembershipFrameTests : IAsyncDisposable
{
    private const int AkkaRemoteDefaultMaximumFrameBytes = 128_000;

    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_gossip_of_10000_members_travels_between_real_nodes_within_the_default_frame()
    {
        var sender = _cluster.Start();
        var receiver = _cluster.Start();
        var (inbox, received) = EventCollectors.Start(receiver);
        var random = new Random(10_000);
        var real = new[] { Cluster(sender).SelfUniqueAddress, Cluster(receiver).SelfUniqueAddress };
        // Synthetic members are never contacted: only the two real nodes exchange anything.
        var synthetic = Enumerable.Range(0, 9_998).Select(i => new UniqueAddress(new Address("akka.tcp", "conv", "127.0.0.1", 20_000 + i), random.NextInt64()));
        var gossip = Gossip.Create(real.Concat(synthetic).Select((node, i) => Member.Joining(node, []).MovedUp(i + 1)));
        gossip = real.Aggregate(gossip, (g, node) => g.Increment(node).MarkSeen(node));
        var envelope = new GossipEnvelope(real[0], real[1], gossip);
        var plain = ClusterWireFormat.ToBytes(envelope).Length;
        Assert.True(plain > 2 * AkkaRemoteDefaultMaximumFrameBytes, $"the plain payload ({plain} bytes) would not fit a frame");

        sender.ActorSelection(inbox.Path.ToStringWithAddress(Cluster(receiver).SelfAddress)).Tell(envelope);

        await AwaitCondition(() => !received.IsEmpty, "the gossip arrives");
        var inbound = Assert.IsType<Inbound>(Assert.Single(received));
        var arrived = Assert.IsType<GossipEnvelope>(inbound.Message);
        Assert.Equal(10_000, arrived.Gossip.Members.Count);
        Assert.True(gossip.IsSameStateAs(arrived.Gossip));
    }

    /// <summary>
    /// 30,000 members compress to about 340 KB, more than twice Akka.Remote's default frame: the shell
    /// sends the frame in parts of at most <c>max-message-size</c> (64 KiB), and the receiving
    /// shell's assembly gives back the gossip that was sent.
    /// </summary>
    [Fact]
    public async Task A_gossip_of_30000_members_travels_in_parts_within_the_message_bound()
    {
        var sender = _cluster.Start();
        var receiver = _cluster.Start();
        var (inbox, received) = EventCollectors.Start(receiver);
        var real = new[] { Cluster(sender).SelfUniqueAddress, Cluster(receiver).SelfUniqueAddress };
        var gossip = SyntheticGossip(real, 30_000);
        var envelope = new GossipEnvelope(real[0], real[1], gossip);
        var bound = Cluster(sender).Settings.MaxMessageSize;
        var sending = new LargeMessages(SerializerParts.Of(sender).Frame, real[0], bound);
        var receiving = new LargeMessages(SerializerParts.Of(receiver).Frame, real[1], bound);
        var serializer = sender.Serialization.FindSerializerForType(typeof(WirePart));

        var parts = sending.ToSend(envelope).Cast<WirePart>().ToList();
        Assert.True(parts.Sum(p => p.Bytes.Length) > 2 * AkkaRemoteDefaultMaximumFrameBytes, $"{parts.Sum(p => p.Bytes.Length)} bytes compressed would fit one frame");
        Assert.All(parts, part => Assert.InRange(serializer.ToBinary(part).Length, 1, bound));
        var target = sender.ActorSelection(inbox.Path.ToStringWithAddress(Cluster(receiver).SelfAddress));
        parts.ForEach(part => target.Tell(part));

        await AwaitCondition(() => received.Count == parts.Count, "every part arrives");
        var intakes = received.Select(m => receiving.Take((WirePart)Assert.IsType<Inbound>(m).Message, 0)).ToList();
        Assert.Equal([.. Enumerable.Repeat(PartOutcome.Buffered, parts.Count - 1), PartOutcome.Completed], intakes.Select(i => i.Outcome));
        var delivered = intakes[^1].Delivered;
        var arrived = Assert.IsType<GossipEnvelope>(Assert.IsType<Inbound>(delivered).Message);
        Assert.Equal(30_000, arrived.Gossip.Members.Count);
        Assert.True(gossip.IsSameStateAs(arrived.Gossip));
        Assert.Empty(receiving.Assembly.Pending);
    }

    /// <summary>
    /// A member's shell takes a message in parts as if it had come whole (here a Welcome it did not
    /// ask for, which the core drops and counts), and refuses and counts parts that disagree with
    /// their frame or a frame whose last parts never came, while the cluster carries on.
    /// </summary>
    [Fact]
    public async Task A_member_takes_a_message_in_parts_and_counts_parts_that_do_not_fit_together()
    {
        var systems = _cluster.StartMany(2);
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([Cluster(systems[0]).SelfAddress]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);
        var target = Cluster(systems[1]);
        var from = Cluster(systems[0]).SelfUniqueAddress;
        var membership = systems[0].ActorSelection(ConvergencePaths.MembershipAt(target.SelfAddress));
        var shell = new LargeMessages(SerializerParts.Of(systems[0]).Frame, from, 16 * 1024);
        var welcome = new Welcome(from, SyntheticGossip([from, target.SelfUniqueAddress], 3_000));
        List<WirePart> Parts() => [.. shell.ToSend(welcome).Cast<WirePart>()];
        var unasked = target.Metrics.Drops(DropReason.UnexpectedWelcome);

        var whole = Parts();
        whole.ForEach(part => membership.Tell(part));
        await AwaitCondition(() => target.Metrics.Drops(DropReason.UnexpectedWelcome) == unasked + 1, "the Welcome put together from its parts reaches the core");

        var mismatched = Parts();
        membership.Tell(mismatched[0]);
        membership.Tell(mismatched[1] with { Count = mismatched[1].Count + 1 });
        await AwaitCondition(() => target.Metrics.Refusals(RefusalReason.MalformedParts) == 1, "a part naming another count drops its frame");

        var unfinished = Parts();
        membership.Tell(unfinished[0]);
        Parts().ForEach(part => membership.Tell(part));
        await AwaitCondition(
            () => target.Metrics.Refusals(RefusalReason.AbandonedParts) == 1 && target.Metrics.Drops(DropReason.UnexpectedWelcome) == unasked + 2,
            "a new transfer gives up the unfinished one and completes");

        Assert.True(whole.Count >= 2, $"{whole.Count} part(s)");
        Assert.All(systems, s => Assert.All(Cluster(s).State.Members, m => Assert.Equal(MemberStatus.Up, m.Status)));
    }

    /// <summary>The two real nodes and synthetic members with random uids; synthetic members are never contacted.</summary>
    private static Gossip SyntheticGossip(UniqueAddress[] real, int members)
    {
        var random = new Random(members);
        var synthetic = Enumerable.Range(0, members - real.Length).Select(i => new UniqueAddress(new Address("akka.tcp", "conv", "127.0.0.1", 20_000 + i), random.NextInt64()));
        var gossip = Gossip.Create(real.Concat(synthetic).Select((node, i) => Member.Joining(node, []).MovedUp(i + 1)));
        return real.Aggregate(gossip, (g, node) => g.Increment(node).MarkSeen(node));
    }
}

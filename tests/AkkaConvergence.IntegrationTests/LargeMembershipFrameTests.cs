using Akka.Actor;
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
}

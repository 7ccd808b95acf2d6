using Akka.Actor;
using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;

namespace AkkaConvergence.Tests.Wire;

public sealed class LargeMessagesTests : IDisposable
{
    private const int Bound = 64 * 1024;
    private static readonly UniqueAddress A = TestNodes.Node("a");
    private static readonly UniqueAddress B = TestNodes.Node("b");
    private static readonly AuthenticationSettings Keyring = new([[.. Enumerable.Range(1, 32).Select(i => (byte)i)]], requireSignature: true);

    private readonly ActorSystem _system = ActorSystem.Create("large-messages-tests");

    public void Dispose() => _system.Dispose();

    private static LargeMessages Shell(UniqueAddress self, string label = "", AuthenticationSettings? keys = null) =>
        new(new WireFrame(label, keys ?? AuthenticationSettings.Off), self, Bound);

    private static object Deliver(LargeMessages receiver, IEnumerable<object> sent)
    {
        object? delivered = null;
        foreach (var part in sent.Cast<WirePart>())
        {
            var intake = receiver.Take(part, 0);
            Assert.Equal(0, intake.Abandoned);
            delivered = intake.Delivered;
        }

        return delivered!;
    }

    [Fact]
    public void A_message_that_cannot_grow_with_the_membership_goes_as_it_is()
    {
        var heartbeat = new Heartbeat(A.Address, 1, 2);

        Assert.Same(heartbeat, Assert.Single(Shell(A).ToSend(heartbeat)));
    }

    [Fact]
    public void A_gossip_that_fits_goes_as_one_sealed_frame_the_serializer_writes_unchanged()
    {
        var envelope = new GossipEnvelope(A, B, LargeGossips.Of(100));
        var serializer = new ConvergenceSerializer((ExtendedActorSystem)_system, WireFrame.Unlabelled);

        var sealedFrame = Assert.IsType<SealedFrame>(Assert.Single(Shell(A).ToSend(envelope)));
        var bytes = serializer.ToBinary(sealedFrame);

        Assert.Equal(("GE", sealedFrame.Frame), (serializer.Manifest(sealedFrame), bytes));
        var arrived = Assert.IsType<GossipEnvelope>(Assert.IsType<Inbound>(serializer.FromBinary(bytes, "GE")).Message);
        Assert.True(envelope.Gossip.IsSameStateAs(arrived.Gossip));
    }

    [Theory]
    [InlineData("")]
    [InlineData("orders")]
    public void A_membership_too_large_for_one_message_arrives_whole_from_its_parts(string label)
    {
        var welcome = new Welcome(A, LargeGossips.Of(12_000));

        var sent = Shell(A, label, Keyring).ToSend(welcome);
        var arrived = Assert.IsType<Inbound>(Deliver(Shell(B, label, Keyring), sent));

        Assert.True(sent.Count > 1, $"{sent.Count} part(s)");
        Assert.All(sent, part => Assert.True(((WirePart)part).Bytes.Length < Bound));
        var gossip = Assert.IsType<Welcome>(arrived.Message).Gossip;
        Assert.Equal(12_000, gossip.Members.Count);
        Assert.True(welcome.Gossip.IsSameStateAs(gossip));
    }

    [Fact]
    public void Parts_put_together_are_opened_as_any_frame_so_another_clusters_label_is_refused()
    {
        var sent = Shell(A, "billing").ToSend(new Welcome(A, LargeGossips.Of(12_000)));

        var refused = Assert.IsType<RefusedInbound>(Deliver(Shell(B, "orders"), sent));

        Assert.Equal(WireRefusal.WrongClusterLabel, refused.Reason);
    }

    [Fact]
    public void Parts_whose_frame_was_tampered_with_are_refused_by_its_signature()
    {
        var sent = Shell(A, keys: Keyring).ToSend(new Welcome(A, LargeGossips.Of(12_000))).Cast<WirePart>().ToList();
        var changed = sent[0].Bytes.ToArray();
        changed[^1] ^= 1;
        sent[0] = sent[0] with { Bytes = changed };

        var refused = Assert.IsType<RefusedInbound>(Deliver(Shell(B, keys: Keyring), sent));

        Assert.Equal(WireRefusal.InvalidSignature, refused.Reason);
    }

    [Fact]
    public void Each_large_message_is_a_transfer_of_its_own()
    {
        var node = Shell(A);
        var welcome = new Welcome(A, LargeGossips.Of(12_000));

        var first = node.ToSend(welcome).Cast<WirePart>().Select(p => p.Transfer).Distinct();
        var second = node.ToSend(welcome).Cast<WirePart>().Select(p => p.Transfer).Distinct();

        Assert.NotEqual(Assert.Single(first), Assert.Single(second));
    }

    [Fact]
    public void A_part_survives_the_serializer_with_its_bytes_as_they_were()
    {
        var serializer = new ConvergenceSerializer((ExtendedActorSystem)_system, WireFrame.Unlabelled);
        var part = new WirePart(A, 3, 1, 2, "W", [.. Enumerable.Repeat((byte)7, 10_000)]);

        var bytes = serializer.ToBinary(part);
        var arrived = Assert.IsType<WirePart>(Assert.IsType<Inbound>(serializer.FromBinary(bytes, "WP")).Message);

        Assert.True(bytes.Length > 10_000, "a part is not compressed again");
        Assert.Equal((part.From, part.Transfer, part.Index, part.Count, part.Manifest), (arrived.From, arrived.Transfer, arrived.Index, arrived.Count, arrived.Manifest));
        Assert.Equal(part.Bytes, arrived.Bytes);
    }
}

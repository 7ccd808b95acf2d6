using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Wire;

public sealed class FrameSplitterTests
{
    private static readonly UniqueAddress Sender = Node("a");

    private static byte[] Bytes(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31))];

    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(999, 1_000)]
    [InlineData(1_000, 1_000)]
    [InlineData(1_001, 1_000)]
    [InlineData(250_000, 60_000)]
    public void Parts_in_order_hold_exactly_the_frame(int length, int bytesPerPart)
    {
        var frame = Bytes(length);

        var parts = FrameSplitter.Split(Sender, 7, "GE", frame, bytesPerPart);

        Assert.Equal((length + bytesPerPart - 1) / bytesPerPart, parts.Length);
        Assert.All(parts, p => Assert.True(p.Bytes.Length <= bytesPerPart));
        Assert.All(parts, p => Assert.Equal((7L, parts.Length, "GE", Sender), (p.Transfer, p.Count, p.Manifest, p.From)));
        Assert.Equal(Enumerable.Range(0, parts.Length), parts.Select(p => p.Index));
        Assert.Equal(frame, parts.SelectMany(p => p.Bytes).ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-long-cluster-label-of-some-length")]
    public void Every_part_sealed_for_the_wire_fits_the_bound(string label)
    {
        const int bound = 16 * 1024;
        var wire = new WireFrame(label, AuthenticationSettings.Off);
        var bytesPerPart = FrameSplitter.BytesPerPart(bound, wire.OverheadOf("WP"), Sender, "W");

        var parts = FrameSplitter.Split(Sender, long.MaxValue, "W", Bytes(100_000), bytesPerPart);

        var sizes = parts.Select(part => wire.Seal("WP", s => ClusterWireFormat.WriteTo(part, s), compress: false).Length).ToList();
        Assert.All(sizes, size => Assert.True(size <= bound, $"a part of {size} bytes"));
        Assert.All(sizes[..^1], size => Assert.True(size > bound - 64, $"a part of {size} bytes wastes room")); // All but the last are full.
    }

    [Fact]
    public void A_frame_that_needs_more_parts_than_allowed_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => FrameSplitter.Split(Sender, 1, "GE", Bytes((FrameSplitter.MaxParts * 10) + 1), 10));

        Assert.Contains($"1-{FrameSplitter.MaxParts} parts", error.Message);
    }

    [Fact]
    public void A_bound_too_small_for_any_part_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameSplitter.BytesPerPart(1_000, 10, Sender, "GE"));

    [Theory]
    [InlineData(0, 0, "GE", 1)]
    [InlineData(2, 2, "GE", 1)]
    [InlineData(-1, 2, "GE", 1)]
    [InlineData(0, FrameSplitter.MaxParts + 1, "GE", 1)]
    [InlineData(0, 1, "", 1)]
    [InlineData(0, 1, "GE", 0)]
    public void A_part_that_cannot_belong_to_any_frame_is_undecodable(int index, int count, string manifest, int length)
    {
        var bytes = ClusterWireFormat.ToBytes(new WirePart(Sender, 1, index, count, manifest, Bytes(length)));

        var error = Assert.Throws<WireFormatException>(() => ClusterWireFormat.FromBytes("WP", bytes));

        Assert.Contains("WP", error.Message);
    }

    [Fact]
    public void Only_the_messages_that_grow_with_the_membership_are_sealed_by_the_shell()
    {
        Assert.True(FrameSplitter.CanOutgrowAFrame(new Welcome(Sender, LargeGossips.Of(3))));
        Assert.True(FrameSplitter.CanOutgrowAFrame(new GossipEnvelope(Sender, Node("b"), LargeGossips.Of(3))));
        Assert.False(FrameSplitter.CanOutgrowAFrame(new Heartbeat(Sender.Address, 1, 0)));
        Assert.False(FrameSplitter.CanOutgrowAFrame(new ExitingConfirmed(Sender)));
    }
}

using AkkaConvergence.Protocol;
using AkkaConvergence.Simulation;
using AkkaConvergence.Tests.Wire;
using AkkaConvergence.Wire;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Simulation;

/// <summary>The simulator counts the parts of large messages by arithmetic; it must be what cutting the (uncompressed) frame gives.</summary>
public class SimulatedPartsTests
{
    [Theory]
    [InlineData(100, 16 * 1024)]
    [InlineData(2_000, 16 * 1024)]
    [InlineData(2_000, 64 * 1024)]
    [InlineData(10_000, 64 * 1024)]
    public void Parts_counted_by_arithmetic_equal_the_parts_of_the_frame(int members, int bound)
    {
        var welcome = new Welcome(Node("a"), LargeGossips.Of(members));
        var size = ClusterWireFormat.ToBytes(welcome).Length;
        var frame = WireFrame.Unlabelled.Seal("W", s => ClusterWireFormat.WriteTo(welcome, s), compress: false);

        var (count, each, last) = new SimulatedParts(bound).Of(welcome, size);

        if (frame.Length <= bound)
        {
            Assert.Equal((1, size, size), (count, each, last));
            return;
        }

        var parts = FrameSplitter.Split(welcome.From, long.MaxValue, "W", frame, FrameSplitter.BytesPerPart(bound, WireFrame.Unlabelled.OverheadOf("WP"), welcome.From, "W"));
        var sizes = parts.Select(p => ClusterWireFormat.ToBytes(p).Length).ToList();
        Assert.Equal(parts.Length, count);
        Assert.All(sizes[..^1], s => Assert.Equal(each, s));
        Assert.Equal(last, sizes[^1]);
        Assert.True(each <= bound);
    }

    [Fact]
    public void A_run_with_a_small_bound_never_sends_a_message_above_it()
    {
        var report = ClusterSimulation.Run(new SimulationOptions
        {
            Scenario = SimulationScenario.Join,
            Nodes = 500,
            Seed = 3,
            Configuration = "akka.convergence.max-message-size = 16KiB",
            SteadyStateWindow = TimeSpan.Zero,
        });

        Assert.True(report.Converged);
        Assert.InRange(report.MaxMessageBytes, 1, 16 * 1024);
        Assert.True(report.MessagesByType["Welcome"] >= 2, "the joiner's Welcome (500 members, about 18 KB) travels in parts");
    }
}

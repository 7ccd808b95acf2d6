using AkkaConvergence.Wire;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Wire;

public sealed class PartAssemblyTests
{
    private static readonly UniqueAddress A = Node("a");
    private static readonly UniqueAddress B = Node("b");

    private static byte[] Frame(int length, int seed = 1) => [.. Enumerable.Range(0, length).Select(i => (byte)((i * 17) + seed))];

    private static List<WirePart> Parts(UniqueAddress from, long transfer, byte[] frame, int bytesPerPart = 100) =>
        [.. FrameSplitter.Split(from, transfer, "GE", frame, bytesPerPart)];

    private static PartAssemblyStep AddAll(ref PartAssembly assembly, IEnumerable<WirePart> parts, long now = 0)
    {
        PartAssemblyStep step = default;
        foreach (var part in parts)
        {
            step = assembly.Add(part, now);
            assembly = step.Next;
        }

        return step;
    }

    [Fact]
    public void The_last_part_in_any_order_completes_the_frame_and_leaves_nothing_held()
    {
        var frame = Frame(450);
        var parts = Parts(A, 1, frame);
        var assembly = PartAssembly.Empty;

        var step = AddAll(ref assembly, [parts[3], parts[0], parts[4], parts[1], parts[2]]);

        Assert.Equal(PartOutcome.Completed, step.Outcome);
        Assert.Equal("GE", step.Manifest);
        Assert.Equal(frame, step.Frame);
        Assert.Empty(assembly.Pending);
        Assert.Equal(0, assembly.BufferedBytes);
    }

    [Fact]
    public void Parts_are_held_until_the_last_and_a_resent_part_is_ignored()
    {
        var parts = Parts(A, 1, Frame(300));
        var assembly = PartAssembly.Empty;

        Assert.Equal(PartOutcome.Buffered, AddAll(ref assembly, [parts[0]]).Outcome);
        Assert.Equal(PartOutcome.Duplicate, AddAll(ref assembly, [parts[0]]).Outcome);
        Assert.Equal(100, assembly.BufferedBytes);
        Assert.Equal(PartOutcome.Completed, AddAll(ref assembly, [parts[1], parts[2]]).Outcome);
    }

    [Fact]
    public void Frames_of_different_senders_are_assembled_apart()
    {
        var fromA = Parts(A, 1, Frame(200, seed: 1));
        var fromB = Parts(B, 1, Frame(200, seed: 2));
        var assembly = PartAssembly.Empty;

        AddAll(ref assembly, [fromA[0], fromB[0]]);
        var b = AddAll(ref assembly, [fromB[1]]);
        var a = AddAll(ref assembly, [fromA[1]]);

        Assert.Equal(Frame(200, seed: 2), b.Frame);
        Assert.Equal(Frame(200, seed: 1), a.Frame);
    }

    [Fact]
    public void A_new_transfer_from_a_sender_gives_up_its_unfinished_one()
    {
        var first = Parts(A, 1, Frame(300));
        var second = Parts(A, 2, Frame(200, seed: 5));
        var assembly = PartAssembly.Empty;
        AddAll(ref assembly, first.Take(2));

        var started = assembly.Add(second[0], 0);
        assembly = started.Next;
        var done = AddAll(ref assembly, [second[1], first[2]]);

        Assert.Equal(1, started.Abandoned);
        Assert.Equal(PartOutcome.Buffered, done.Outcome); // The late part of the first transfer starts over, it does not complete anything.
        Assert.Equal(100, assembly.BufferedBytes);
    }

    [Fact]
    public void A_part_that_disagrees_with_its_frame_drops_the_frame()
    {
        var parts = Parts(A, 1, Frame(300));
        var assembly = PartAssembly.Empty;
        AddAll(ref assembly, [parts[0]]);

        var step = assembly.Add(parts[1] with { Count = 4 }, 0);

        Assert.Equal((PartOutcome.Mismatched, 0), (step.Outcome, step.Abandoned));
        Assert.Empty(step.Next.Pending);
        Assert.Equal(0, step.Next.BufferedBytes);
    }

    [Fact]
    public void An_unfinished_frame_is_given_up_after_the_expiry()
    {
        var parts = Parts(A, 1, Frame(300));
        var assembly = PartAssembly.Empty;
        AddAll(ref assembly, [parts[0]], now: 1_000);

        var early = assembly.Add(Parts(B, 1, Frame(200))[0], 1_000 + PartAssembly.ExpireAfterMillis - 1);
        var late = early.Next.Add(Parts(B, 1, Frame(200))[1], 1_000 + PartAssembly.ExpireAfterMillis);

        Assert.Equal(0, early.Abandoned);
        Assert.Equal((PartOutcome.Completed, 1), (late.Outcome, late.Abandoned));
        Assert.Empty(late.Next.Pending);
    }

    [Fact]
    public void At_most_a_bounded_number_of_senders_hold_unfinished_frames_the_oldest_going_first()
    {
        var assembly = PartAssembly.Empty;
        var abandoned = 0;
        for (var sender = 0; sender <= PartAssembly.MaxPendingFrames; sender++)
        {
            var step = assembly.Add(Parts(Node($"n{sender}"), 1, Frame(200))[0], sender);
            assembly = step.Next;
            abandoned += step.Abandoned;
        }

        Assert.Equal(1, abandoned);
        Assert.Equal(PartAssembly.MaxPendingFrames, assembly.Pending.Count);
        Assert.DoesNotContain(Node("n0"), assembly.Pending.Keys);
        Assert.Equal(100L * PartAssembly.MaxPendingFrames, assembly.BufferedBytes);
    }

    [Fact]
    public void A_frame_growing_past_the_largest_is_dropped()
    {
        var huge = new byte[(int)(PartAssembly.MaxFrameBytes / 2) + 1];
        var parts = new[] { new WirePart(A, 1, 0, 3, "GE", huge), new WirePart(A, 1, 1, 3, "GE", huge) };
        var assembly = PartAssembly.Empty;

        var first = assembly.Add(parts[0], 0);
        var second = first.Next.Add(parts[1], 0);

        Assert.Equal(PartOutcome.Buffered, first.Outcome);
        Assert.Equal((PartOutcome.TooLarge, 0), (second.Outcome, second.Abandoned));
        Assert.Equal(0, second.Next.BufferedBytes);
    }
}

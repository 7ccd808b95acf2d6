using AkkaConvergence.FailureDetection;

namespace AkkaConvergence.Tests.FailureDetection;

public class AwarenessTests
{
    [Fact]
    public void The_score_saturates_between_zero_and_max_minus_one()
    {
        var health = new Awareness(0, 8);

        Assert.Equal(7, health.Apply(100).Score);
        Assert.Equal(0, health.Apply(3).Apply(-10).Score);
        Assert.True(health.IsHealthy);
        Assert.False(health.Apply(1).IsHealthy);
    }

    [Fact]
    public void Timeouts_stretch_with_the_score()
    {
        Assert.Equal(1_000, new Awareness(0, 8).Scale(1_000));
        Assert.Equal(4_000, new Awareness(3, 8).Scale(1_000));
    }
}

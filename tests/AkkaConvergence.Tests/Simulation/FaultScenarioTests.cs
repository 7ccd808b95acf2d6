using AkkaConvergence.Simulation;

namespace AkkaConvergence.Tests.Simulation;

/// <summary>
/// The fault models in which nobody fails: every unreachable mark is a false alarm. Lifeguard must
/// raise none (indirect probes route around a bad link, refutation and the silence floor cover a
/// pause, local health silences a starved node); phi-accrual, for comparison, raises some.
/// </summary>
public class FaultScenarioTests
{
    private static FaultReport Run(SimulationScenario scenario, string detector, int seed = 1) =>
        ClusterSimulation.Run(new SimulationOptions
        {
            Nodes = 7,
            Seed = seed,
            Scenario = scenario,
            FaultDuration = TimeSpan.FromSeconds(scenario == SimulationScenario.Starvation ? 30 : 90),
            SteadyStateWindow = TimeSpan.Zero,
            Configuration = $"akka.convergence.failure-detector.kind = {detector}",
        }).Faults!;

    [Theory]
    [InlineData(SimulationScenario.Pauses)]
    [InlineData(SimulationScenario.Starvation)]
    [InlineData(SimulationScenario.Loss)]
    [InlineData(SimulationScenario.LossyLink)]
    [InlineData(SimulationScenario.OneWayLink)]
    public void Lifeguard_raises_no_false_alarm_and_downs_no_one_when_nobody_fails(SimulationScenario scenario)
    {
        var report = Run(scenario, "lifeguard");

        Assert.Equal(0, report.FalseMarks);
        Assert.Equal(0, report.HealthyMembersDowned);
        Assert.True(report.Recovered);
    }

    [Fact]
    public void Phi_accrual_marks_a_member_behind_a_one_way_link_unreachable_which_lifeguard_routes_around()
    {
        var phi = Run(SimulationScenario.OneWayLink, "phi-accrual");

        Assert.True(phi.FalseMarks > 0, "the comparison shows something only if the baseline can fail");
    }
}

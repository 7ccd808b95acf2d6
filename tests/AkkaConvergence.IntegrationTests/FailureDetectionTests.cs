using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

/// <summary>Lifeguard on real nodes: what the transport knows speeds detection; silence alone is tolerated.</summary>
public sealed class FailureDetectionTests : IAsyncDisposable
{
    /// <summary>Silence is tolerated for a minute and an unconfirmed suspicion lasts as long: only proof can be quick.</summary>
    private const string PatientDetector = """
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.convergence.failure-detector {
          kind = lifeguard
          acceptable-heartbeat-pause = 60s
          lifeguard { suspicion-min-timeout = 60s, suspicion-max-timeout = 60s }
        }
        """;

    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_process_that_stopped_on_a_live_host_is_accused_on_the_transports_evidence_long_before_silence_would_be()
    {
        var systems = _cluster.StartMany(4, PatientDetector);
        var seed = Cluster(systems[0]).SelfAddress;
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);
        var crashed = Cluster(systems[3]).SelfUniqueAddress;

        await systems[3].Terminate().WaitAsync(DefaultWait); // Its port now refuses connections.

        await AwaitCondition(
            () => systems.Take(3).All(s => Cluster(s).State.Unreachable.Any(m => m.UniqueAddress == crashed)),
            "every other node marks the stopped process unreachable (silence alone would take over a minute)");
    }
}

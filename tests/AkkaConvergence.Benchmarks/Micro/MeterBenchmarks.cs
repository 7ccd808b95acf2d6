using System.Diagnostics.Metrics;
using Akka.Actor;
using AkkaConvergence.Diagnostics;
using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;
using BenchmarkDotNet.Attributes;

namespace AkkaConvergence.Benchmarks.Micro;

/// <summary>
/// What the <c>AkkaConvergence</c> meter costs per message: a probe serialized without a meter,
/// with the meter but nobody listening (the usual case), and with a listener enabled (an exporter).
/// </summary>
[MemoryDiagnoser]
public class MeterBenchmarks
{
    private ActorSystem _system = null!;
    private ConvergenceSerializer _serializer = null!;
    private ConvergenceMeter? _meter;
    private MeterListener? _listener;
    private Ping _ping = null!;

    [Params("none", "meter", "meter+listener")]
    public string Metering { get; set; } = "none";

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", "akka.actor.provider = remote\nakka.remote.dot-netty.tcp.port = 0\nakka.remote.dot-netty.tcp.hostname = 127.0.0.1");
        _meter = Metering == "none" ? null : new ConvergenceMeter("akka.tcp://bench@127.0.0.1:1", () => CurrentClusterState.Empty, () => false);
        if (Metering == "meter+listener")
        {
            _listener = new MeterListener { InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
            _listener.SetMeasurementEventCallback<long>((_, _, _, _) => { });
            _listener.Start();
        }

        _serializer = new ConvergenceSerializer((ExtendedActorSystem)_system, new WireFrame(string.Empty, AuthenticationSettings.Off), _meter);
        var nodes = ModelFixtures.Converged(2).Members.Select(m => m.UniqueAddress).ToArray();
        _ping = new Ping(nodes[0], nodes[1], 7, Suspected: false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener?.Dispose();
        _meter?.Dispose();
        _system.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    [Benchmark]
    public byte[] SerializeProbe() => _serializer.ToBinary(_ping);
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AkkaConvergence.IntegrationTests;

/// <summary>
/// Listens to the <c>AkkaConvergence</c> meter the way an exporter does and keeps what one node
/// (by its <c>akka.convergence.node</c> tag) reported; other tests' nodes in this process are ignored.
/// </summary>
internal sealed class MeterCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _node;
    private readonly ConcurrentDictionary<string, double> _sums = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Instrument, double Value)> _recordings = new();

    public MeterCollector(string node)
    {
        _node = node;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "AkkaConvergence")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnMeasurement(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => OnMeasurement(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => OnMeasurement(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of a counter's increments (or a histogram's recordings) with these extra tags, e.g. <c>kind=gossip</c>.</summary>
    public double Sum(string instrument, string? tag = null) => _sums.GetValueOrDefault(Key(instrument, tag));

    /// <summary>The gauge's value at the last <see cref="Observe"/>, or null if it reported none.</summary>
    public double? Gauge(string instrument, string? tag = null) => _latest.TryGetValue(Key(instrument, tag), out var value) ? value : null;

    public IReadOnlyList<double> Recordings(string instrument) => [.. _recordings.Where(r => r.Instrument == instrument).Select(r => r.Value)];

    /// <summary>Reads every observable gauge now.</summary>
    public void Observe()
    {
        _latest.Clear();
        _listener.RecordObservableInstruments();
    }

    public void Dispose() => _listener.Dispose();

    private static string Key(string instrument, string? tag) => tag is null ? instrument : $"{instrument}|{tag}";

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? node = null;
        string? extra = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "akka.convergence.node")
            {
                node = tag.Value as string;
            }
            else
            {
                extra = $"{tag.Key}={tag.Value}";
            }
        }

        if (node != _node)
        {
            return;
        }

        // Each measurement counts under the instrument's name (summed over its tags: all statuses,
        // all kinds) and, when it has a tag, under name|tag as well.
        var isGauge = instrument.GetType().Name.StartsWith("ObservableGauge", StringComparison.Ordinal);
        var totals = isGauge ? _latest : _sums;
        totals.AddOrUpdate(Key(instrument.Name, null), value, (_, previous) => previous + value);
        if (extra is not null)
        {
            totals.AddOrUpdate(Key(instrument.Name, extra), value, (_, previous) => previous + value);
        }

        _recordings.Enqueue((instrument.Name, value));
    }
}

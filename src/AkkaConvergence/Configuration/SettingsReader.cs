using Akka.Configuration;

namespace AkkaConvergence.Configuration;

/// <summary>
/// Reads and validates one key at a time; every failure is a <see cref="ConfigurationException"/>
/// naming the full key path and what is allowed.
/// </summary>
internal sealed class SettingsReader
{
    private readonly Config _config;
    private readonly string _prefix;

    public SettingsReader(Config config, string prefix)
    {
        _config = config;
        _prefix = prefix;
    }

    public SettingsReader Nested(string key) => new(_config.GetConfig(key) ?? Config.Empty, $"{_prefix}.{key}");

    public bool Has(string key) => _config.HasPath(key);

    public TimeSpan Duration(string key, bool allowZero = false)
    {
        var value = Read(key, "a duration", () => _config.GetTimeSpan(key, null, allowInfinite: false));
        return value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero)
            ? value
            : throw Invalid(key, value.ToString(), allowZero ? "a duration >= 0" : "a duration > 0");
    }

    /// <summary>A duration, or null for <c>off</c>; <c>on</c> means <paramref name="whenOn"/>.</summary>
    public TimeSpan? DurationOrOff(string key, TimeSpan? whenOn = null)
    {
        var text = Read(key, "a duration or off", () => _config.GetString(key));
        switch (text?.Trim().ToLowerInvariant())
        {
            case "off" or "false":
                return null;
            case "on" or "true" when whenOn is { } on:
                return on;
        }

        var value = Read(key, whenOn is null ? "a duration > 0 or off" : "a duration > 0, on or off", () => _config.GetTimeSpan(key, null, allowInfinite: false));
        return value > TimeSpan.Zero ? value : throw Invalid(key, text, "a duration > 0 or off");
    }

    public int Int(string key, int minimum)
    {
        var value = Read(key, $"a whole number >= {minimum}", () => _config.GetInt(key));
        return value >= minimum ? value : throw Invalid(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"a whole number >= {minimum}");
    }

    /// <summary>A size in bytes (HOCON sizes such as <c>64KiB</c>), within [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public int Bytes(string key, int minimum, int maximum)
    {
        var allowed = $"a size in bytes >= {minimum} and <= {maximum} (e.g. 64KiB)";
        var value = Read(key, allowed, () => _config.GetByteSize(key)) ?? -1;
        return value >= minimum && value <= maximum ? (int)value : throw Invalid(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), allowed);
    }

    public double Double(string key, double minimum, double maximum, bool minimumExclusive = false)
    {
        var allowed = $"a number {(minimumExclusive ? ">" : ">=")} {minimum}{(double.IsPositiveInfinity(maximum) ? string.Empty : $" and <= {maximum}")}";
        var value = Read(key, allowed, () => _config.GetDouble(key));
        var ok = (minimumExclusive ? value > minimum : value >= minimum) && value <= maximum && !double.IsNaN(value);
        return ok ? value : throw Invalid(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), allowed);
    }

    public bool Flag(string key) => Read(key, "on or off", () => _config.GetBoolean(key));

    public string Text(string key) => Read(key, "a string", () => _config.GetString(key)) ?? string.Empty;

    public IReadOnlyList<string> TextList(string key) => Read(key, "a list of strings", () => _config.GetStringList(key) ?? []).ToList();

    /// <summary>The child object names below <paramref name="key"/> (e.g. the roles under <c>role</c>).</summary>
    public IEnumerable<string> ChildNames(string key) =>
        Read(key, "an object", () => _config.GetConfig(key)?.Root?.GetObject()?.Items.Keys.ToList() ?? []);

    public ConfigurationException Invalid(string key, string? value, string allowed) =>
        new($"{_prefix}.{key} must be {allowed}, but was '{value}'.");

    private T Read<T>(string key, string allowed, Func<T> read)
    {
        if (!_config.HasPath(key))
        {
            throw new ConfigurationException($"{_prefix}.{key} is missing; it must be {allowed}.");
        }

        try
        {
            return read();
        }
        catch (Exception e) when (e is not ConfigurationException || !e.Message.StartsWith(_prefix, StringComparison.Ordinal))
        {
            throw new ConfigurationException($"{_prefix}.{key} must be {allowed}: {e.Message}", e);
        }
    }
}

using System.Collections.Frozen;

namespace AkkaConvergence.Diagnostics;

/// <summary>
/// The coarse kind of each wire message, the <c>kind</c> tag of the message and byte counters:
/// few enough values for a dashboard, and stable as manifests are added (a new manifest must be
/// given a kind here; a test checks that every manifest of the codec table has one).
/// </summary>
internal static class MessageKinds
{
    public const string Unknown = "unknown";

    private static readonly FrozenDictionary<string, string> KindByManifest = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["IJ"] = "join",
        ["IJA"] = "join",
        ["IJN"] = "join",
        ["J"] = "join",
        ["JR"] = "join",
        ["W"] = "join",
        ["GE"] = "gossip",
        ["GD"] = "gossip",
        ["GS"] = "digest",
        ["GF"] = "digest",
        ["EC"] = "exit",
        ["HB"] = "heartbeat",
        ["HBR"] = "heartbeat",
        ["PI"] = "probe",
        ["PR"] = "probe",
        ["PA"] = "probe",
        ["SU"] = "suspicion",
        ["RE"] = "suspicion",
        ["SD"] = "state",
        ["SG"] = "state-digest",
        ["WP"] = "part",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The manifests that have a kind (for the test that checks the table is complete).</summary>
    public static IEnumerable<string> KnownManifests => KindByManifest.Keys;

    /// <summary>The kind of a manifest; <see cref="Unknown"/> for a foreign one (refused bytes are counted too).</summary>
    public static string Of(string? manifest) =>
        manifest is not null && KindByManifest.TryGetValue(manifest, out var kind) ? kind : Unknown;
}

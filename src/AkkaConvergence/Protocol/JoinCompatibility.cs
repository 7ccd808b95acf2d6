using System.Collections.Immutable;

namespace AkkaConvergence.Protocol;

/// <summary>
/// The settings a joiner and the cluster must agree on, carried by every Join as key/value text
/// (as Akka's <c>configuration-compatibility-check</c> compares config paths). Nodes that disagree
/// here would not fail loudly, they would misbehave together: two downing strategies can each
/// keep a side of one partition (split brain), a Lifeguard node among phi-accrual nodes gets no
/// answer to its probes and accuses everyone, and a node that requires signatures refuses the
/// unsigned Welcome forever.
/// <para>
/// Text, not fields, so a key added by a later build is simply not compared by an older one
/// (a key only one side knows is no conflict); the protocol version is what makes two builds
/// with incompatible rules refuse each other.
/// </para>
/// </summary>
/// <param name="Settings">Key to value, e.g. <c>downing.strategy = keep-majority</c>.</param>
internal sealed record JoinCompatibility(ImmutableSortedDictionary<string, string> Settings)
{
    /// <summary>
    /// The version of the protocol's rules. Raise it when a rule changes so that nodes of two
    /// builds would disagree while their bytes still decode (a changed record layout raises
    /// <c>WireFrame.FormatVersion</c> instead, which refuses the frame before any of this).
    /// </summary>
    public const int ProtocolVersion = 1;

    public const string ProtocolVersionKey = "protocol-version";
    public const string FailureDetectorKey = "failure-detector.kind";
    public const string DowningStrategyKey = "downing.strategy";
    public const string DowningRoleKey = "downing.role";
    public const string QuorumSizeKey = "downing.static-quorum.quorum-size";
    public const string DownIfAloneKey = "downing.keep-oldest.down-if-alone";
    public const string AuthenticationKey = "authentication";

    /// <summary>At most this many conflicts are reported (a stranger's Join could claim thousands of keys).</summary>
    public const int MaxConflictsReported = 16;

    private const string AuthenticationOff = "off";
    private const string AuthenticationOptional = "optional";
    private const string AuthenticationRequired = "required";

    /// <summary>What this node's settings say about the keys that must agree.</summary>
    public static JoinCompatibility Of(CoreSettings settings)
    {
        var downing = settings.Downing;
        var entries = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        entries[ProtocolVersionKey] = ProtocolVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        entries[FailureDetectorKey] = settings.FailureDetector.Kind == FailureDetectorKind.Lifeguard ? "lifeguard" : "phi-accrual";
        entries[DowningStrategyKey] = StrategyName(downing.Strategy);
        entries[DowningRoleKey] = downing.Role;
        if (downing.Strategy == DowningStrategy.StaticQuorum && downing.QuorumSize is { } quorum)
        {
            entries[QuorumSizeKey] = quorum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (downing.Strategy == DowningStrategy.KeepOldest)
        {
            entries[DownIfAloneKey] = downing.DownIfAlone ? "on" : "off";
        }

        entries[AuthenticationKey] = !settings.SignsMessages ? AuthenticationOff
            : settings.RequiresSignatures ? AuthenticationRequired : AuthenticationOptional;
        return new JoinCompatibility(entries.ToImmutable());
    }

    /// <summary>
    /// Where a joiner's settings conflict with this node's, worded for both logs ("key: joiner X,
    /// cluster Y"); empty when they may join. Ordered by key, at most <see cref="MaxConflictsReported"/>.
    /// </summary>
    public ImmutableList<string> ConflictsWith(JoinCompatibility joiner)
    {
        var conflicts = ImmutableList.CreateBuilder<string>();
        if (!joiner.Settings.ContainsKey(ProtocolVersionKey))
        {
            conflicts.Add($"{ProtocolVersionKey}: joiner none, cluster {Settings[ProtocolVersionKey]}");
        }

        foreach (var (key, mine) in Settings)
        {
            if (conflicts.Count < MaxConflictsReported && joiner.Settings.TryGetValue(key, out var theirs) && !Agree(key, mine, theirs))
            {
                conflicts.Add($"{key}: joiner {theirs}, cluster {mine}");
            }
        }

        return conflicts.ToImmutable();
    }

    /// <summary>
    /// Equal values agree; authentication also agrees across its rolling switch-on (off, then
    /// optional everywhere, then required), since a node without keys ignores signatures. Only a
    /// node that requires signatures next to one that does not sign conflicts: one side would
    /// refuse every message of the other.
    /// </summary>
    private static bool Agree(string key, string mine, string theirs)
    {
        if (string.Equals(mine, theirs, StringComparison.Ordinal))
        {
            return true;
        }

        return key == AuthenticationKey
               && !(mine == AuthenticationRequired && theirs == AuthenticationOff)
               && !(mine == AuthenticationOff && theirs == AuthenticationRequired);
    }

    private static string StrategyName(DowningStrategy strategy) => strategy switch
    {
        DowningStrategy.KeepMajority => "keep-majority",
        DowningStrategy.StaticQuorum => "static-quorum",
        DowningStrategy.KeepOldest => "keep-oldest",
        DowningStrategy.DownAll => "down-all",
        DowningStrategy.Off => "off",
        _ => strategy.ToString(),
    };
}

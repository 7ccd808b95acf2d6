using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using AkkaConvergence.Configuration;

namespace AkkaConvergence;

/// <summary>
/// The validated <c>akka.convergence</c> configuration, one property per key. Built once when the
/// extension starts; an invalid value makes <see cref="ConvergenceCluster.Get"/> throw a
/// <see cref="ConfigurationException"/> naming the full key path and what is allowed.
/// </summary>
public sealed class ConvergenceSettings
{
    /// <summary>The HOCON path of these settings.</summary>
    public const string ConfigPath = "akka.convergence";

    private ConvergenceSettings()
    {
    }

    /// <summary>The settings of the embedded <c>reference.conf</c>, unchanged.</summary>
    internal static ConvergenceSettings Default { get; } = Create(Config.Empty);

    /// <summary>Addresses to join at start (<c>seed-nodes</c>, default none).</summary>
    public IReadOnlyList<Address> SeedNodes { get; private init; } = [];

    /// <summary>This node's roles (<c>roles</c>, default none).</summary>
    public IImmutableSet<string> Roles { get; private init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Joiners move Up only once there are this many members (<c>min-nr-of-members</c>, default 1).</summary>
    public int MinNrOfMembers { get; private init; }

    /// <summary>Per-role minimum number of members (<c>role.&lt;name&gt;.min-nr-of-members</c>).</summary>
    public IImmutableDictionary<string, int> RoleMinNrOfMembers { get; private init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>Gossip interval (<c>gossip-interval</c>, default 1 s).</summary>
    public TimeSpan GossipInterval { get; private init; }

    /// <summary>Leader-actions interval (<c>leader-actions-interval</c>, default 1 s).</summary>
    public TimeSpan LeaderActionsInterval { get; private init; }

    /// <summary>Reaper interval (<c>unreachable-nodes-reaper-interval</c>, default 1 s).</summary>
    public TimeSpan UnreachableNodesReaperInterval { get; private init; }

    /// <summary>Delay before periodic tasks start (<c>periodic-tasks-initial-delay</c>, default 1 s).</summary>
    public TimeSpan PeriodicTasksInitialDelay { get; private init; }

    /// <summary>How long the first seed waits before forming a new cluster (<c>seed-node-timeout</c>, default 5 s).</summary>
    public TimeSpan SeedNodeTimeout { get; private init; }

    /// <summary>Restart an unanswered join after this long; null = never (<c>retry-unsuccessful-join-after</c>, default 10 s).</summary>
    public TimeSpan? RetryUnsuccessfulJoinAfter { get; private init; }

    /// <summary>Move joiners to WeaklyUp after this long without convergence; null = never (<c>allow-weakly-up-members</c>, default 7 s).</summary>
    public TimeSpan? AllowWeaklyUpMembers { get; private init; }

    /// <summary>Probability of gossiping to a member that has not seen the version (<c>prefer-unseen-probability</c>, default 0.8).</summary>
    public double PreferUnseenProbability { get; private init; }

    /// <summary>Cluster size above which the unseen preference falls (<c>reduce-gossip-different-view-probability</c>, default 400).</summary>
    public int ReduceGossipDifferentViewProbability { get; private init; }

    /// <summary>How long tombstones of removed members are kept (<c>prune-tombstones-after</c>, default 24 h).</summary>
    public TimeSpan PruneTombstonesAfter { get; private init; }

    /// <summary>The <c>failure-detector</c> group.</summary>
    public FailureDetectorSettings FailureDetector { get; private init; } = null!;

    /// <summary>The <c>downing</c> group.</summary>
    public DowningSettings Downing { get; private init; } = null!;

    /// <summary>A Downed or Removed node also terminates its ActorSystem (<c>run-coordinated-shutdown-when-down</c>, default on).</summary>
    public bool RunCoordinatedShutdownWhenDown { get; private init; }

    /// <summary>Whether new versions go to members that hold an earlier one as deltas (<c>delta-gossip</c>).</summary>
    public bool DeltaGossip { get; private init; }

    /// <summary>
    /// The largest membership message a node sends, in bytes (<c>max-message-size</c>, default
    /// 64 KiB); a larger frame travels in parts of at most this size.
    /// </summary>
    public int MaxMessageSize { get; private init; }

    /// <summary>The cluster's name on every convergence message; another label is refused (<c>cluster-label</c>, default "" = unlabelled).</summary>
    public string ClusterLabel { get; private init; } = string.Empty;

    /// <summary>The <c>authentication</c> group (shared-secret keyring; off by default).</summary>
    public AuthenticationSettings Authentication { get; private init; } = AuthenticationSettings.Off;

    /// <summary>The <c>gossip-state</c> group: quotas and bounds of the per-member key/value state.</summary>
    public GossipStateSettings GossipState { get; private init; } = null!;

    /// <summary>
    /// Refuse a joiner whose protocol version, failure detector, downing strategy or
    /// authentication conflicts with this node's (<c>configuration-compatibility-check.enforce-on-join</c>,
    /// default on); off admits it with a warning.
    /// </summary>
    public bool EnforceCompatibilityOnJoin { get; private init; }

    /// <summary>
    /// Reads and validates <c>akka.convergence</c> from <paramref name="config"/> (with the reference
    /// configuration as fallback).
    /// </summary>
    /// <exception cref="ConfigurationException">A value is missing or invalid; the message names the key path.</exception>
    public static ConvergenceSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var root = new SettingsReader(config.WithFallback(ConvergenceConfig.Reference).GetConfig(ConfigPath), ConfigPath);
        var detector = root.Nested("failure-detector");
        var downing = root.Nested("downing");
        var stableAfter = downing.Duration("stable-after");
        var settings = new ConvergenceSettings
        {
            SeedNodes = ParseSeedNodes(root),
            Roles = root.TextList("roles").ToImmutableHashSet(StringComparer.Ordinal),
            MinNrOfMembers = root.Int("min-nr-of-members", 1),
            RoleMinNrOfMembers = root.ChildNames("role")
                .ToImmutableDictionary(role => role, role => root.Nested("role").Nested(HoconKey(role)).Int("min-nr-of-members", 1), StringComparer.Ordinal),
            GossipInterval = root.Duration("gossip-interval"),
            LeaderActionsInterval = root.Duration("leader-actions-interval"),
            UnreachableNodesReaperInterval = root.Duration("unreachable-nodes-reaper-interval"),
            PeriodicTasksInitialDelay = root.Duration("periodic-tasks-initial-delay", allowZero: true),
            SeedNodeTimeout = root.Duration("seed-node-timeout"),
            RetryUnsuccessfulJoinAfter = root.DurationOrOff("retry-unsuccessful-join-after"),
            AllowWeaklyUpMembers = root.DurationOrOff("allow-weakly-up-members", whenOn: TimeSpan.FromSeconds(7)),
            PreferUnseenProbability = root.Double("prefer-unseen-probability", 0, 1),
            ReduceGossipDifferentViewProbability = root.Int("reduce-gossip-different-view-probability", 1),
            PruneTombstonesAfter = root.Duration("prune-tombstones-after"),
            DeltaGossip = root.Flag("delta-gossip"),
            MaxMessageSize = root.Bytes("max-message-size", 16 * 1024, 1024 * 1024),
            FailureDetector = new FailureDetectorSettings(
                ParseDetectorKind(detector),
                detector.Duration("heartbeat-interval"),
                detector.Double("threshold", 0, double.PositiveInfinity, minimumExclusive: true),
                detector.Duration("acceptable-heartbeat-pause", allowZero: true),
                detector.Duration("min-std-deviation"),
                detector.Int("max-sample-size", 1),
                detector.Duration("expected-response-after"),
                detector.Int("monitored-by-nr-of-members", 1),
                ParseLifeguard(detector.Nested("lifeguard"))),
            Downing = new DowningSettings(
                ParseStrategy(downing),
                stableAfter,
                downing.DurationOrOff("down-all-when-unstable", whenOn: TimeSpan.FromMilliseconds(Math.Max(4_000, stableAfter.TotalMilliseconds * 3 / 4))),
                downing.Text("role"),
                ParseQuorumSize(downing),
                downing.Nested("keep-oldest").Flag("down-if-alone")),
            RunCoordinatedShutdownWhenDown = root.Flag("run-coordinated-shutdown-when-down"),
            ClusterLabel = ParseClusterLabel(root),
            Authentication = ParseAuthentication(root.Nested("authentication")),
            EnforceCompatibilityOnJoin = root.Nested("configuration-compatibility-check").Flag("enforce-on-join"),
            GossipState = ParseGossipState(root.Nested("gossip-state")),
        };
        return settings;
    }

    private static IReadOnlyList<Address> ParseSeedNodes(SettingsReader root) =>
        root.TextList("seed-nodes").Select(text =>
        {
            try
            {
                return Address.Parse(text);
            }
            catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
            {
                throw root.Invalid("seed-nodes", text, "a list of actor-system addresses such as \"akka.tcp://sys@host:4053\"");
            }
        }).ToList();

    private static string ParseClusterLabel(SettingsReader root)
    {
        var label = root.Text("cluster-label");
        return System.Text.Encoding.UTF8.GetByteCount(label) <= 255
            ? label
            : throw root.Invalid("cluster-label", label, "a string of at most 255 UTF-8 bytes");
    }

    private static AuthenticationSettings ParseAuthentication(SettingsReader authentication)
    {
        var keys = authentication.TextList("keys").Select((text, index) =>
        {
            // The key itself never goes into an error message: only its position and what is wrong.
            var shown = $"key #{index + 1} ({text.Length} characters)";
            byte[] key;
            try
            {
                key = Convert.FromBase64String(text.Trim());
            }
            catch (FormatException)
            {
                throw authentication.Invalid("keys", shown, "a list of base64 keys (16-64 bytes each); this one is not base64");
            }

            return key.Length is >= AuthenticationSettings.MinKeyBytes and <= AuthenticationSettings.MaxKeyBytes
                ? key.ToImmutableArray()
                : throw authentication.Invalid("keys", shown, $"a list of base64 keys of 16-64 bytes each; this one has {key.Length} bytes");
        }).ToImmutableArray();
        return new AuthenticationSettings(keys, authentication.Flag("require-signature"));
    }

    private static FailureDetectorKind ParseDetectorKind(SettingsReader detector) => detector.Text("kind") switch
    {
        "lifeguard" => FailureDetectorKind.Lifeguard,
        "phi-accrual" => FailureDetectorKind.PhiAccrual,
        var other => throw detector.Invalid("kind", other, "lifeguard or phi-accrual"),
    };

    private static GossipStateSettings ParseGossipState(SettingsReader state)
    {
        var message = state.Bytes("max-message-size", 16 * 1024, 1024 * 1024);
        var room = message - GossipStateSettings.MessageHeadroomBytes;
        var total = state.Bytes("max-total-size", 1024, room);
        return new GossipStateSettings(
            state.Bytes("max-value-size", 64, total),
            state.Int("max-keys", 1),
            total,
            message,
            state.Duration("tombstone-grace-period"));
    }

    private static LifeguardSettings ParseLifeguard(SettingsReader lifeguard)
    {
        var min = lifeguard.Duration("suspicion-min-timeout");
        var max = lifeguard.Duration("suspicion-max-timeout");
        if (max < min)
        {
            throw lifeguard.Invalid("suspicion-max-timeout", max.ToString(), $"a duration >= suspicion-min-timeout ({min})");
        }

        return new LifeguardSettings(
            lifeguard.Duration("probe-timeout"),
            lifeguard.Int("indirect-checks", 0),
            min,
            max,
            lifeguard.Int("suspicion-confirmations", 0),
            lifeguard.Int("awareness-max-multiplier", 1));
    }

    private static DowningStrategy ParseStrategy(SettingsReader downing) => downing.Text("strategy") switch
    {
        "keep-majority" => DowningStrategy.KeepMajority,
        "static-quorum" => DowningStrategy.StaticQuorum,
        "keep-oldest" => DowningStrategy.KeepOldest,
        "down-all" => DowningStrategy.DownAll,
        "off" => DowningStrategy.Off,
        var other => throw downing.Invalid("strategy", other, "keep-majority, static-quorum, keep-oldest, down-all or off"),
    };

    private static int? ParseQuorumSize(SettingsReader downing)
    {
        var quorum = downing.Nested("static-quorum");
        var required = ParseStrategy(downing) == DowningStrategy.StaticQuorum;
        if (!required && quorum.Text("quorum-size") is "undefined" or "")
        {
            return null;
        }

        return quorum.Int("quorum-size", 1);
    }

    /// <summary>A role as one HOCON path segment: quoted when it holds a dot or another character a bare key cannot.</summary>
    private static string HoconKey(string role) =>
        role.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? role : $"\"{role.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}

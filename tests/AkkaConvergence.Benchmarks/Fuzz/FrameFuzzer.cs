using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using AkkaConvergence.Benchmarks.Micro;
using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;

namespace AkkaConvergence.Benchmarks.Fuzz;

/// <summary>
/// Random and mutated frames through the convergence serializer, and whatever it accepts through a
/// member's protocol core: every input must end as a refusal by reason, a drop by reason, or a
/// valid step, never an exception or a hang. Prints the counts per kind of input (for
/// docs/reliability.md).
/// </summary>
internal sealed class FrameFuzzer
{
    private static readonly ImmutableArray<byte> Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly ImmutableArray<byte> OtherKey = [.. Enumerable.Range(50, 32).Select(i => (byte)i)];

    private readonly Random _random;
    private readonly ConvergenceSerializer _keyed;
    private readonly ConvergenceSerializer _unkeyed;
    private readonly ConvergenceSerializer _otherKey;
    private readonly ConvergenceSerializer _otherLabel;
    private readonly IClusterMessage[] _samples;
    private readonly CoreState _member;
    private readonly Dictionary<string, Dictionary<string, long>> _counts = [];
    private long _slowestMicros;
    private string _slowest = "none";

    public FrameFuzzer(ExtendedActorSystem system, int seed)
    {
        _random = new Random(seed);
        _keyed = new ConvergenceSerializer(system, new WireFrame("orders", new AuthenticationSettings([Key], requireSignature: true)));
        _unkeyed = new ConvergenceSerializer(system, new WireFrame("orders", AuthenticationSettings.Off));
        _otherKey = new ConvergenceSerializer(system, new WireFrame("orders", new AuthenticationSettings([OtherKey], requireSignature: true)));
        _otherLabel = new ConvergenceSerializer(system, new WireFrame("billing", AuthenticationSettings.Off));
        var gossip = ModelFixtures.Converged(10);
        var nodes = gossip.Members.Select(m => m.UniqueAddress).ToArray();
        _member = CoreState.Initial(nodes[0], [], CoreSettings.From(ConvergenceSettings.Default)) with
        {
            Phase = CorePhase.Initialized,
            Membership = new MembershipState(nodes[0], gossip),
        };
        _samples = Samples(nodes, gossip);
    }

    public void Run(int inputs, TextWriter output)
    {
        for (var i = 0; i < inputs; i++)
        {
            var sample = _samples[_random.Next(_samples.Length)];
            var manifest = _keyed.Manifest(sample);
            switch (i % 8)
            {
                case 0: Try("random bytes", _keyed, RandomBytes(), manifest); break;
                case 1: Try("random bytes after a valid header", _unkeyed, ValidHeader(manifest).Concat(RandomBytes()).ToArray(), manifest); break;
                case 2: Try("mutated unsigned frame", _unkeyed, Mutated(_unkeyed.ToBinary(sample)), manifest); break;
                case 3: Try("mutated signed frame", _keyed, Mutated(_keyed.ToBinary(sample)), manifest); break;
                case 4: Try("unsigned frame to a keyed node", _keyed, _unkeyed.ToBinary(sample), manifest); break;
                case 5: Try("frame signed with another key", _keyed, _otherKey.ToBinary(sample), manifest); break;
                case 6: Try("another cluster's label", _unkeyed, _otherLabel.ToBinary(sample), manifest); break;
                default: Try("valid frame under a random manifest", _unkeyed, _unkeyed.ToBinary(sample), _keyed.Manifest(_samples[_random.Next(_samples.Length)])); break;
            }
        }

        foreach (var wrong in WellFormedButWrong())
        {
            Try("well-formed but wrong", _keyed, _keyed.ToBinary(wrong.Message), _keyed.Manifest(wrong.Message), wrong.Name);
        }

        output.WriteLine($"{inputs:N0} fuzzed inputs and {WellFormedButWrong().Count()} well-formed-but-wrong messages; slowest input {_slowestMicros:N0} µs ({_slowest}).");
        foreach (var (kind, outcomes) in _counts)
        {
            output.WriteLine($"  {kind}: {string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value:N0}"))}");
        }
    }

    private void Try(string kind, ConvergenceSerializer serializer, byte[] bytes, string manifest, string? label = null)
    {
        var watch = Stopwatch.StartNew();
        string outcome;
        try
        {
            outcome = serializer.FromBinary(bytes, manifest) switch
            {
                RefusedInbound refused => $"refused {refused.Reason}",
                Inbound inbound => Stepped(inbound.Message),
                var other => $"UNEXPECTED {other.GetType().Name}",
            };
        }
        catch (Exception e)
        {
            outcome = $"EXCEPTION {e.GetType().Name}";
        }

        var key = label is null ? kind : $"{kind} ({label})";
        if ((long)watch.Elapsed.TotalMicroseconds > _slowestMicros)
        {
            _slowestMicros = (long)watch.Elapsed.TotalMicroseconds;
            _slowest = $"{key} under '{manifest}', {bytes.Length} bytes, {outcome}: {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 48)))}";
        }

        var outcomes = _counts.TryGetValue(key, out var found) ? found : _counts[key] = [];
        outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
    }

    /// <summary>A decoded message, stepped by a member of a converged cluster of ten.</summary>
    private string Stepped(IClusterMessage message)
    {
        try
        {
            var result = ClusterCore.Step(_member, message, new CoreTime(10_000, 1_800_000_000_000), new Random(1));
            var dropped = result.Effects.OfType<InputDropped>().FirstOrDefault();
            return dropped is not null ? $"accepted, dropped by the core ({dropped.Reason})"
                : result.State.Gossip.IsSameStateAs(_member.Gossip) ? "accepted, stepped, membership unchanged"
                : "accepted, stepped, membership changed";
        }
        catch (Exception e)
        {
            return $"CORE EXCEPTION {e.GetType().Name}";
        }
    }

    private IEnumerable<(string Name, IClusterMessage Message)> WellFormedButWrong()
    {
        var self = _member.Self;
        var members = _member.Gossip.Members.Select(m => m.UniqueAddress).ToArray();
        var stranger = new UniqueAddress(new Address("akka.tcp", "bench", "10.9.9.9", 4053), 77);
        var foreign = new[] { 1, 2 }.Select(i => new UniqueAddress(new Address("akka.tcp", "other", $"10.7.0.{i}", 4053), i)).ToArray();
        var strangersGossip = Gossip.Create(foreign.Select((n, i) => Member.Joining(n, []).MovedUp(i + 1))).Increment(foreign[0]);
        yield return ("gossip from a non-member", new GossipEnvelope(stranger, self, _member.Gossip.Increment(stranger)));
        yield return ("gossip for another incarnation", new GossipEnvelope(members[1], new UniqueAddress(self.Address, self.Uid + 1), _member.Gossip.Increment(members[1])));
        yield return ("gossip of another actor system", new GossipEnvelope(foreign[0], self, strangersGossip));
        yield return ("gossip with an older clock", new GossipEnvelope(members[1], self, Gossip.Create(_member.Gossip.Members).Increment(members[1])));
        yield return ("status for another incarnation", new GossipStatus(members[1], new UniqueAddress(self.Address, self.Uid + 1), GossipFingerprint.OfVersion(_member.Gossip.Version), SeenDigest.Of(_member.Gossip), GossipStatusKind.Periodic));
        yield return ("probe for another incarnation", new Ping(members[1], new UniqueAddress(self.Address, self.Uid + 1), 1, Suspected: true));
        yield return ("suspicion of a non-member", new Suspect(members[1], stranger, 1, 5_000));
        yield return ("exit confirmed by a non-member", new ExitingConfirmed(stranger));
        yield return ("welcome nobody asked for", new Welcome(members[1], _member.Gossip));
    }

    private static IClusterMessage[] Samples(UniqueAddress[] nodes, Gossip gossip) =>
    [
        new InitJoin(nodes[1].Address), new InitJoinAck(nodes[1].Address), new InitJoinNack(nodes[1].Address),
        new Join(nodes[1], ImmutableSortedSet.Create(StringComparer.Ordinal, "backend"), CoreSettings.Default.Compatibility),
        new JoinRefused(nodes[0], ["downing.strategy: joiner keep-oldest, cluster keep-majority"]), new Welcome(nodes[1], gossip),
        new GossipEnvelope(nodes[1], nodes[0], gossip), new GossipStatus(nodes[1], nodes[0], GossipFingerprint.OfVersion(gossip.Version), SeenDigest.Of(gossip), GossipStatusKind.Request),
        new ExitingConfirmed(nodes[1]), new Heartbeat(nodes[1].Address, 7, 1234), new HeartbeatResponse(nodes[1], 7, 1234),
        new Ping(nodes[1], nodes[0], 7, Suspected: true), new PingRequest(nodes[1], nodes[2], 8), new ProbeReply(nodes[1], nodes[2], 9, Reached: false),
        new Suspect(nodes[1], nodes[2], 3, 4_500), new Refute(nodes[2], nodes[2], 3),
    ];

    private static byte[] ValidHeader(string manifest) => [WireFrame.FormatVersion, 0, (byte)manifest.Length, .. System.Text.Encoding.UTF8.GetBytes(manifest), 6, .. "orders"u8];

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(0, _random.Next(2) == 0 ? 64 : 4_096)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Mutated(byte[] bytes)
    {
        switch (_random.Next(4))
        {
            case 0:
                return bytes[.._random.Next(0, bytes.Length)];
            case 1:
                var flipped = (byte[])bytes.Clone();
                for (var n = _random.Next(1, 5); n > 0; n--)
                {
                    flipped[_random.Next(flipped.Length)] ^= (byte)_random.Next(1, 256);
                }

                return flipped;
            case 2:
                var grown = new byte[bytes.Length + _random.Next(1, 256)];
                bytes.CopyTo(grown, 0);
                _random.NextBytes(grown.AsSpan(bytes.Length));
                return grown;
            default:
                // A run of bytes repeated or cut out in the middle (lengths and counts go wrong).
                var at = _random.Next(bytes.Length);
                var length = _random.Next(1, Math.Max(2, Math.Min(64, bytes.Length - at)));
                return _random.Next(2) == 0
                    ? [.. bytes[..at], .. bytes[at..Math.Min(bytes.Length, at + length)], .. bytes[at..]]
                    : [.. bytes[..at], .. bytes[Math.Min(bytes.Length, at + length)..]];
        }
    }
}

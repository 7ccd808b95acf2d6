using AkkaConvergence.Protocol;
using static AkkaConvergence.Wire.WireAddresses;

namespace AkkaConvergence.Wire;

/// <summary>Maps a <see cref="GossipDeltaEnvelope"/> to its wire shape and back, validating what comes in.</summary>
internal static class GossipDeltaWireMapper
{
    public static WireGossipDelta ToWire(GossipDeltaEnvelope m)
    {
        var delta = m.Delta;
        var (indexes, bits, firstWord) = SeenWire.Encode(delta.Seen);
        return new WireGossipDelta
        {
            From = WireAddresses.ToWire(m.From),
            To = WireAddresses.ToWire(m.To),
            BaseVersion = unchecked((long)delta.BaseVersion),
            TargetVersion = unchecked((long)delta.TargetVersion),
            TargetMemberCount = delta.TargetMemberCount,
            Changes = GossipWireMapper.ToWire(delta.Changes),
            ReachabilityChanged = delta.ReachabilityChanged,
            ClockPruned = [.. delta.ClockPruned],
            SeenIndexes = indexes,
            SeenBits = bits,
            SeenFirstWord = firstWord,
        };
    }

    public static GossipDeltaEnvelope FromWire(WireGossipDelta w)
    {
        var seen = SeenWire.Decode(w.TargetMemberCount, w.SeenIndexes, w.SeenBits, w.SeenFirstWord, "gossip delta");
        var delta = new GossipDelta(
            unchecked((ulong)w.BaseVersion),
            unchecked((ulong)w.TargetVersion),
            w.TargetMemberCount,
            GossipWireMapper.FromWire(Required(w.Changes)),
            w.ReachabilityChanged,
            [.. Required(w.ClockPruned).Select(id => id ?? throw new WireFormatException("Invalid gossip delta: null clock id."))],
            seen);
        return new GossipDeltaEnvelope(WireAddresses.FromWire(w.From), WireAddresses.FromWire(w.To), delta);
    }
}

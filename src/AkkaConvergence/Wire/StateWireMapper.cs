using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Protocol;
using AkkaConvergence.KeyValue;
using static AkkaConvergence.Wire.WireAddresses;

namespace AkkaConvergence.Wire;

/// <summary>Maps the key/value messages to their wire shape and back, validating every count and length that comes in.</summary>
internal static class StateWireMapper
{
    private const int DeletedLength = -1;

    public static WireStateDelta ToWire(StateDelta m)
    {
        var entries = m.Owners.SelectMany(o => o.Entries).ToList();
        var values = new byte[entries.Sum(e => e.Value?.Length ?? 0)];
        var offset = 0;
        foreach (var entry in entries)
        {
            if (entry.Value is { } value)
            {
                value.Bytes.CopyTo(values.AsSpan(offset));
                offset += value.Length;
            }
        }

        return new WireStateDelta
        {
            From = WireAddresses.ToWire(m.From),
            To = WireAddresses.ToWire(m.To),
            OwnerHosts = [.. m.Owners.Select(o => o.Owner.Address.Host ?? string.Empty)],
            OwnerPorts = [.. m.Owners.Select(o => o.Owner.Address.Port ?? 0)],
            OwnerUids = [.. m.Owners.Select(o => o.Owner.Uid)],
            FromVersions = [.. m.Owners.Select(o => o.FromVersion)],
            ToVersions = [.. m.Owners.Select(o => o.ToVersion)],
            Horizons = [.. m.Owners.Select(o => o.Horizon)],
            EntryCounts = [.. m.Owners.Select(o => o.Entries.Length)],
            Keys = [.. entries.Select(e => e.Key)],
            Versions = [.. entries.Select(e => e.Version)],
            SerializerIds = [.. entries.Select(e => e.Value?.SerializerId ?? 0)],
            Manifests = [.. entries.Select(e => e.Value?.Manifest ?? string.Empty)],
            ValueLengths = [.. entries.Select(e => e.Value?.Length ?? DeletedLength)],
            Values = values,
        };
    }

    public static StateDelta FromWire(WireStateDelta w)
    {
        var from = WireAddresses.FromWire(w.From);
        var owners = Owners(from.Address, w.OwnerHosts, w.OwnerPorts, w.OwnerUids);
        var counts = Required(w.EntryCounts);
        SameLength(owners.Length, "owner", Required(w.FromVersions), Required(w.ToVersions), Required(w.Horizons), counts);
        var keys = Required(w.Keys);
        SameLength(keys.Length, "entry", Required(w.Versions), Required(w.SerializerIds), Required(w.Manifests), Required(w.ValueLengths));
        if (counts.Any(c => c < 0) || counts.Sum(c => (long)c) != keys.Length)
        {
            throw new WireFormatException($"State delta entry counts do not add up to its {keys.Length} entries.");
        }

        var values = Required(w.Values);
        var next = 0;
        var offset = 0;
        var deltas = ImmutableArray.CreateBuilder<OwnerDelta>(owners.Length);
        for (var i = 0; i < owners.Length; i++)
        {
            if (w.FromVersions[i] < 0 || w.ToVersions[i] < w.FromVersions[i] || w.Horizons[i] < 0)
            {
                throw new WireFormatException($"State delta versions ({w.FromVersions[i]}, {w.ToVersions[i]}] are not a range.");
            }

            var entries = ImmutableArray.CreateBuilder<DeltaEntry>(counts[i]);
            for (var j = 0; j < counts[i]; j++, next++)
            {
                var length = w.ValueLengths[next];
                if (string.IsNullOrEmpty(keys[next]) || w.Versions[next] <= w.FromVersions[i] || w.Versions[next] > w.ToVersions[i] || length < DeletedLength || length > values.Length - offset)
                {
                    throw new WireFormatException($"State delta entry {next} is malformed (key, version or value length).");
                }

                StateValue? value = null;
                if (length != DeletedLength)
                {
                    value = new StateValue(w.SerializerIds[next], Required(w.Manifests[next]), values.AsSpan(offset, length));
                    offset += length;
                }

                entries.Add(new DeltaEntry(keys[next], w.Versions[next], value));
            }

            deltas.Add(new OwnerDelta(owners[i], w.FromVersions[i], w.ToVersions[i], w.Horizons[i], entries.MoveToImmutable()));
        }

        return offset == values.Length
            ? new StateDelta(from, WireAddresses.FromWire(w.To), deltas.MoveToImmutable())
            : throw new WireFormatException($"State delta has {values.Length - offset} value bytes that belong to no entry.");
    }

    public static WireStateDigest ToWire(StateDigest m) => new()
    {
        From = WireAddresses.ToWire(m.From),
        To = WireAddresses.ToWire(m.To),
        Kind = (byte)m.Kind,
        Complete = m.Complete,
        OwnerHosts = [.. m.Holdings.Select(h => h.Owner.Address.Host ?? string.Empty)],
        OwnerPorts = [.. m.Holdings.Select(h => h.Owner.Address.Port ?? 0)],
        OwnerUids = [.. m.Holdings.Select(h => h.Owner.Uid)],
        Watermarks = [.. m.Holdings.Select(h => h.Watermark)],
    };

    public static StateDigest FromWire(WireStateDigest w)
    {
        var from = WireAddresses.FromWire(w.From);
        var owners = Owners(from.Address, w.OwnerHosts, w.OwnerPorts, w.OwnerUids);
        var watermarks = Required(w.Watermarks);
        SameLength(owners.Length, "owner", watermarks);
        if (watermarks.Any(v => v < 0))
        {
            throw new WireFormatException("State digest has a negative watermark.");
        }

        var kind = (StateDigestKind)w.Kind;
        return new StateDigest(
            from,
            WireAddresses.FromWire(w.To),
            Enum.IsDefined(kind) ? kind : throw new WireFormatException($"Unknown state digest kind {w.Kind}."),
            w.Complete,
            [.. owners.Select((owner, i) => new OwnerWatermark(owner, watermarks[i]))]);
    }

    private static UniqueAddress[] Owners(Address sender, string[]? hosts, int[]? ports, long[]? uids)
    {
        var h = Required(hosts);
        SameLength(h.Length, "owner", Required(ports), Required(uids));
        return [.. h.Select((host, i) => new UniqueAddress(new Address(sender.Protocol, sender.System, Required(host), ports![i]), uids![i]))];
    }

    private static void SameLength(int expected, string what, params Array[] arrays)
    {
        if (arrays.Any(a => a.Length != expected))
        {
            throw new WireFormatException($"A state message's {what} arrays differ in length ({expected} expected).");
        }
    }
}

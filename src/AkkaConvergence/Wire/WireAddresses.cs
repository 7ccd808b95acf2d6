using Akka.Actor;

namespace AkkaConvergence.Wire;

/// <summary>Addresses to and from their wire shape; a missing part is a <see cref="WireFormatException"/>.</summary>
internal static class WireAddresses
{
    public static WireAddress ToWire(Address address) => new()
    {
        Protocol = address.Protocol,
        System = address.System,
        Host = address.Host ?? string.Empty,
        Port = address.Port ?? 0,
    };

    public static WireUniqueAddress ToWire(UniqueAddress node) => new() { Address = ToWire(node.Address), Uid = node.Uid };

    public static Address FromWire(WireAddress? address)
    {
        var a = Required(address);
        return new Address(Required(a.Protocol), Required(a.System), Required(a.Host), a.Port);
    }

    public static UniqueAddress FromWire(WireUniqueAddress? node) => new(FromWire(Required(node).Address), node!.Uid);

    public static T Required<T>(T? value)
        where T : class =>
        value ?? throw new WireFormatException($"A required {typeof(T).Name} is missing.");
}

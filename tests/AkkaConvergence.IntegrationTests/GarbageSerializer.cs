using Akka.Actor;
using Akka.Serialization;

namespace AkkaConvergence.IntegrationTests;

/// <summary>Bytes a stranger sends under a convergence manifest: they travel in a well-formed Akka.Remote envelope.</summary>
public sealed record Garbage(string Manifest, byte[] Bytes);

/// <summary>
/// Claims the convergence serializer's id, so Akka.Remote on the receiving node hands
/// <see cref="Garbage"/>'s bytes to the real convergence serializer: bad input that gets past the
/// transport's framing, which random bytes on the TCP port never do.
/// </summary>
public sealed class GarbageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const string Config = """
        akka.actor {
          serializers.garbage = "AkkaConvergence.IntegrationTests.GarbageSerializer, AkkaConvergence.IntegrationTests"
          serialization-bindings { "AkkaConvergence.IntegrationTests.Garbage, AkkaConvergence.IntegrationTests" = garbage }
        }
        """;

    public override int Identifier => 917;

    public override string Manifest(object o) => ((Garbage)o).Manifest;

    public override byte[] ToBinary(object obj) => ((Garbage)obj).Bytes;

    public override object FromBinary(byte[] bytes, string manifest) => new Garbage(manifest, bytes);
}

using AkkaConvergence.Diagnostics;
using AkkaConvergence.Wire;

namespace AkkaConvergence.Tests.Diagnostics;

public class MessageKindsTests
{
    [Fact]
    public void Every_manifest_of_the_codec_table_has_a_kind_and_the_table_names_no_other()
    {
        Assert.Equal(ClusterWireFormat.Manifests.Order(StringComparer.Ordinal), MessageKinds.KnownManifests.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(MessageKinds.Unknown, ClusterWireFormat.Manifests.Select(MessageKinds.Of));
    }

    [Theory]
    [InlineData("GE", "gossip")]
    [InlineData("GS", "digest")]
    [InlineData("HB", "heartbeat")]
    [InlineData("PI", "probe")]
    [InlineData("J", "join")]
    [InlineData("nonsense", "unknown")]
    [InlineData(null, "unknown")]
    public void A_manifest_maps_to_its_coarse_kind(string? manifest, string kind) => Assert.Equal(kind, MessageKinds.Of(manifest));
}

namespace AkkaConvergence.Wire;

/// <summary>
/// Opens a frame from a peer and decodes its message: an <see cref="Inbound"/>, or a
/// <see cref="RefusedInbound"/> saying why not. The one path for bytes that arrived in one
/// message (the serializer) and for frames put back together from parts (the shell).
/// </summary>
internal static class InboundDecoding
{
    public static object Decode(WireFrame frame, string manifest, byte[] bytes)
    {
        var opened = frame.Open(manifest, bytes);
        if (!opened.IsAccepted)
        {
            return new RefusedInbound(manifest, opened.Refusal, opened.Detail, LocalProof.Instance);
        }

        try
        {
            return new Inbound(ClusterWireFormat.FromBytes(manifest, opened.PayloadOf(bytes), opened.PayloadOffset, opened.PayloadLength), LocalProof.Instance);
        }
        catch (WireFormatException e)
        {
            return new RefusedInbound(manifest, WireRefusal.Undecodable, e.Message, LocalProof.Instance);
        }
    }
}

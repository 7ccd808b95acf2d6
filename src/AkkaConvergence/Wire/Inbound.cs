using AkkaConvergence.Protocol;

namespace AkkaConvergence.Wire;

/// <summary>A cluster message as the convergence serializer decoded it from a peer: the only form in which a peer's message is taken.</summary>
internal sealed record Inbound(IClusterMessage Message, LocalProof Proof);

namespace AkkaConvergence.Wire;

/// <summary>
/// Bytes from a peer that the convergence serializer refused, delivered in place of the message so
/// the recipient counts and logs the refusal (rate-limited) instead of Akka.Remote logging every
/// one; nothing in it reaches a protocol rule.
/// </summary>
/// <param name="Manifest">The manifest the bytes arrived under.</param>
/// <param name="Reason">Why they were refused.</param>
/// <param name="Detail">What was wrong, for the log (never contains secret material).</param>
/// <param name="Proof">This process's proof that the serializer, not a peer, made this object.</param>
internal sealed record RefusedInbound(string Manifest, WireRefusal Reason, string Detail, LocalProof Proof);

namespace AkkaConvergence.Wire;

/// <summary>
/// A message the shell sealed itself (to learn its size before it chose to send it whole or in
/// <see cref="WirePart"/>s): the serializer writes <paramref name="Frame"/> as it is, under the
/// message's own manifest, so the receiver reads the message exactly as if it had been sent plain.
/// </summary>
/// <param name="Manifest">The manifest of the message in the frame.</param>
/// <param name="Frame">The frame <see cref="WireFrame.Seal"/> made.</param>
internal sealed record SealedFrame(string Manifest, byte[] Frame);

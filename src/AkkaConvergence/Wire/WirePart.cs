using AkkaConvergence.Protocol;

namespace AkkaConvergence.Wire;

/// <summary>
/// One piece of a sealed frame too large to send whole (<c>max-message-size</c>): the shell cuts
/// the frame of a whole membership into parts, each a message of its own within the bound, and
/// the receiver's shell puts them back together (<see cref="PartAssembly"/>) before it opens the
/// frame. Never seen by a protocol rule.
/// </summary>
/// <param name="From">The sender; parts are assembled per sender.</param>
/// <param name="Transfer">The sender's number for the frame the parts belong to.</param>
/// <param name="Index">This part's place, from 0.</param>
/// <param name="Count">How many parts the frame was cut into (1 to <see cref="FrameSplitter.MaxParts"/>).</param>
/// <param name="Manifest">The manifest of the message in the frame.</param>
/// <param name="Bytes">This part's bytes of the frame.</param>
internal sealed record WirePart(UniqueAddress From, long Transfer, int Index, int Count, string Manifest, byte[] Bytes) : IClusterMessage;

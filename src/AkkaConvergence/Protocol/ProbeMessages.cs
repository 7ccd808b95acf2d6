namespace AkkaConvergence.Protocol;

/// <summary>A probe: "are you there?" The target answers with a <see cref="ProbeReply"/> at once.</summary>
/// <param name="From">The prober (or a helper probing on behalf of someone).</param>
/// <param name="To">The incarnation probed; another incarnation on that address does not answer.</param>
/// <param name="SequenceNr">The prober's number for this probe.</param>
/// <param name="Suspected">The prober suspects the target (Lifeguard's buddy system: the target learns it at once).</param>
internal sealed record Ping(UniqueAddress From, UniqueAddress To, long SequenceNr, bool Suspected) : IClusterMessage;

/// <summary>Asks a helper to probe <paramref name="Target"/> and report back (SWIM's ping-req).</summary>
internal sealed record PingRequest(UniqueAddress From, UniqueAddress Target, long SequenceNr) : IClusterMessage;

/// <summary>
/// The answer to a probe: an ack when <paramref name="Reached"/> (from the target itself, or
/// relayed by a helper that reached it), a nack from a helper that could not reach it in time.
/// </summary>
internal sealed record ProbeReply(UniqueAddress From, UniqueAddress Subject, long SequenceNr, bool Reached) : IClusterMessage;

/// <summary>
/// <paramref name="Accuser"/> suspects <paramref name="Subject"/>: sent to the subject (so it can
/// refute at once) and to the subject's other monitors (so they check it, and confirm or refute).
/// </summary>
/// <param name="Accuser">The observer that suspects.</param>
/// <param name="Subject">The member suspected.</param>
/// <param name="Number">The accuser's number for this suspicion.</param>
/// <param name="UnansweredForMillis">How long ago the accuser's first unanswered probe of the subject went out.</param>
internal sealed record Suspect(UniqueAddress Accuser, UniqueAddress Subject, long Number, long UnansweredForMillis) : IClusterMessage;

/// <summary>
/// <paramref name="Subject"/> is alive: sent by the subject itself (a refutation) or by a witness
/// that just reached it, to an accuser, naming the accuser's suspicion.
/// </summary>
internal sealed record Refute(UniqueAddress From, UniqueAddress Subject, long Number) : IClusterMessage;

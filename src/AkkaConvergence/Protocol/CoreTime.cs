namespace AkkaConvergence.Protocol;

/// <summary>
/// The two clocks one step sees. Every deadline, interval and age runs on the monotonic
/// <paramref name="Millis"/>, so a wall-clock step (NTP, a VM resumed, an operator) can neither
/// stall nor rush the protocol. Wall time is used only where a time must mean the same on two
/// machines: the removal stamp of a tombstone and its pruning.
/// </summary>
/// <param name="Millis">Monotonic milliseconds from an arbitrary origin (never goes back).</param>
/// <param name="WallMillis">Wall-clock milliseconds since the Unix epoch (may jump either way).</param>
internal readonly record struct CoreTime(long Millis, long WallMillis);

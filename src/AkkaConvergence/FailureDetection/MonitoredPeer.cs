namespace AkkaConvergence.FailureDetection;

/// <summary>What one node knows about a member it monitors.</summary>
/// <param name="Detector">The phi-accrual history; null until the first answer (or until it was expected).</param>
/// <param name="FirstAnswerDueAtMillis">
/// When the first answer is expected (expected-response-after after the first heartbeat). If none
/// came by then, the detector starts anyway, so a member that never answers is still detected.
/// </param>
internal sealed record MonitoredPeer(PhiAccrualDetector? Detector, long? FirstAnswerDueAtMillis)
{
    public static MonitoredPeer New { get; } = new(null, null);
}

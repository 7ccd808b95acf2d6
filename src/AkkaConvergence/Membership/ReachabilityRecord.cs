namespace AkkaConvergence.Membership;

/// <summary>One observation: <paramref name="Observer"/> says <paramref name="Status"/> about <paramref name="Subject"/>, as of the observer's <paramref name="Version"/>.</summary>
internal sealed record ReachabilityRecord(UniqueAddress Observer, UniqueAddress Subject, ReachabilityStatus Status, long Version);

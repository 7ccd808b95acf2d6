using Akka.Actor;

namespace AkkaConvergence.Protocol;

/// <summary>A heartbeat from <paramref name="From"/> to a node it monitors.</summary>
internal sealed record Heartbeat(Address From, long SequenceNr, long CreationTimeMillis) : IClusterMessage;

/// <summary>The monitored node's answer; only answers feed the failure detector.</summary>
internal sealed record HeartbeatResponse(UniqueAddress From, long SequenceNr, long CreationTimeMillis) : IClusterMessage;

using Akka.Actor;
using AkkaConvergence.Wire;

namespace AkkaConvergence.FailureDetection;

/// <summary>A heartbeat from <paramref name="From"/> to a node it monitors.</summary>
internal sealed record Heartbeat(Address From, long SequenceNr, long CreationTimeMillis) : IConvergenceWireMessage;

/// <summary>The monitored node's answer; only answers feed the failure detector.</summary>
internal sealed record HeartbeatResponse(UniqueAddress From, long SequenceNr, long CreationTimeMillis) : IConvergenceWireMessage;

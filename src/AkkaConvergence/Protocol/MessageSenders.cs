namespace AkkaConvergence.Protocol;

/// <summary>The member incarnation a message comes from, where the message names one (the failure detector takes any message as a sign of life).</summary>
internal static class MessageSenders
{
    public static UniqueAddress? Of(ICoreInput input) => input switch
    {
        GossipEnvelope m => m.From,
        GossipDeltaEnvelope m => m.From,
        GossipStatus m => m.From,
        Welcome m => m.From,
        Join m => m.Node,
        ExitingConfirmed m => m.Node,
        HeartbeatResponse m => m.From,
        Ping m => m.From,
        PingRequest m => m.From,
        ProbeReply m => m.From,
        Suspect m => m.Accuser,
        Refute m => m.From,
        StateDelta m => m.From,
        StateDigest m => m.From,
        _ => null,
    };
}

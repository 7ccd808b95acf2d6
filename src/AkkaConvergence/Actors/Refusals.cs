using AkkaConvergence.Wire;

namespace AkkaConvergence.Actors;

/// <summary>Which <see cref="RefusalReason"/> a message the convergence actors will not take counts under.</summary>
internal static class Refusals
{
    public static RefusalReason ReasonOf(object message) => message switch
    {
        RefusedInbound refused when LocalProof.IsGenuine(refused.Proof) => refused.Reason switch
        {
            WireRefusal.WrongClusterLabel => RefusalReason.WrongClusterLabel,
            WireRefusal.Unsigned => RefusalReason.Unsigned,
            WireRefusal.InvalidSignature => RefusalReason.InvalidSignature,
            _ => RefusalReason.Undecodable,
        },
        Inbound inbound when LocalProof.IsGenuine(inbound.Proof) => RefusalReason.UnknownMessage, // A genuine message sent to an actor that does not take it.
        Inbound or RefusedInbound => RefusalReason.UnprovenInbound,
        LocalRequest => RefusalReason.UnprovenLocalRequest,
        _ => RefusalReason.UnknownMessage,
    };
}

using System.Collections.Immutable;
using Akka.Actor;

namespace AkkaConvergence.Protocol;

/// <summary>
/// An ongoing join: the seed-node handshake (InitJoin to every seed) and, once a seed answered,
/// the Join sent to that contact.
/// </summary>
/// <param name="SeedNodes">The seeds being tried (empty for an explicit join).</param>
/// <param name="IsFirstSeed">This node is the first seed: it forms a new cluster if nobody answers in time.</param>
/// <param name="NackedBy">Seeds that answered that they are not in a cluster.</param>
/// <param name="Contact">The node a Join was sent to, once chosen.</param>
/// <param name="FormNewClusterAtMillis">First seed only: when to form a new cluster if no seed acknowledged.</param>
/// <param name="NextInitJoinAtMillis">When to send InitJoin to the seeds again.</param>
/// <param name="RetryJoinAtMillis">When to give up on the contact and start over; null = never.</param>
/// <param name="NextJoinResendAtMillis">When to send Join to the contact again if no Welcome came.</param>
internal sealed record JoinProgress(
    ImmutableList<Address> SeedNodes,
    bool IsFirstSeed,
    ImmutableHashSet<Address> NackedBy,
    Address? Contact,
    long? FormNewClusterAtMillis,
    long NextInitJoinAtMillis,
    long? RetryJoinAtMillis,
    long NextJoinResendAtMillis)
{
    /// <summary>The next deadline of the handshake (before a contact answered) or of the join to the contact.</summary>
    public long NextDueAtMillis() => Contact is null
        ? Math.Min(FormNewClusterAtMillis ?? long.MaxValue, NextInitJoinAtMillis)
        : Math.Min(RetryJoinAtMillis ?? long.MaxValue, NextJoinResendAtMillis);
}

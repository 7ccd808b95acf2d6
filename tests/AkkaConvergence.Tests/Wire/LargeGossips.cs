using Akka.Actor;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Tests.Wire;

/// <summary>Gossips of many members with random uids (the least compressible kind), for tests of large messages.</summary>
internal static class LargeGossips
{
    public static Gossip Of(int members, int seed = 1)
    {
        var random = new Random(seed);
        var nodes = Enumerable.Range(0, members).Select(i => new UniqueAddress(new Address("akka.tcp", "sys", "10.0.0.1", 20_000 + i), random.NextInt64()));
        var gossip = Gossip.Create(nodes.Select((node, i) => Member.Joining(node, []).MovedUp(i + 1)));
        return gossip.Increment(gossip.Members.First().UniqueAddress).MarkSeen(gossip.Members.First().UniqueAddress);
    }
}

using AkkaConvergence.KeyValue;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.KeyValue;

public class PeerKnowledgeTests
{
    private static readonly UniqueAddress Peer = Node("peer");
    private static readonly UniqueAddress Owner = Node("owner");

    [Fact]
    public void What_a_peer_says_it_holds_replaces_what_was_known_even_when_lower()
    {
        var knowledge = PeerKnowledge.Empty.Told(Peer, [(Owner, 7)]).Told(Peer, [(Owner, 3)]);

        Assert.Equal(3, knowledge.Has(Peer, Owner)); // It lost state (or a delta): the next one starts from 3.
    }

    [Fact]
    public void What_a_peer_sent_only_raises_what_is_known()
    {
        var knowledge = PeerKnowledge.Empty.Told(Peer, [(Owner, 7)]).AtLeast(Peer, [(Owner, 5)]);

        Assert.Equal(7, knowledge.Has(Peer, Owner));
        Assert.Equal(9, knowledge.AtLeast(Peer, [(Owner, 9)]).Has(Peer, Owner));
        Assert.Null(knowledge.Has(Owner, Peer));
    }

    [Fact]
    public void Only_the_most_recently_heard_peers_are_remembered()
    {
        var knowledge = Enumerable.Range(0, PeerKnowledge.MaxPeers + 10)
            .Aggregate(PeerKnowledge.Empty, (k, i) => k.Told(Node($"p{i}"), [(Owner, i)]));

        Assert.Equal(PeerKnowledge.MaxPeers, knowledge.Peers.Count);
        Assert.Null(knowledge.Has(Node("p0"), Owner));
        Assert.Equal(PeerKnowledge.MaxPeers + 9, knowledge.Has(Node($"p{PeerKnowledge.MaxPeers + 9}"), Owner));
    }

    [Fact]
    public void Peers_and_owners_that_are_no_longer_members_are_forgotten()
    {
        var knowledge = PeerKnowledge.Empty.Told(Peer, [(Owner, 1), (Peer, 2)]).Told(Owner, [(Peer, 1)]);

        var kept = knowledge.Retain(node => node == Peer);

        Assert.Equal([Peer], kept.Peers.Keys);
        Assert.Null(kept.Has(Peer, Owner));
        Assert.Equal(2, kept.Has(Peer, Peer));
    }
}

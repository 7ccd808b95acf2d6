using Akka.Actor;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Tests;

/// <summary>Short names for test nodes: <c>TestNodes.Node("a")</c> is host "a", port 2552, uid 1.</summary>
internal static class TestNodes
{
    public static Address Address(string host, int port = 2552) => new("akka.tcp", "sys", host, port);

    public static UniqueAddress Node(string host, long uid = 1, int port = 2552) => new(Address(host, port), uid);
}

/// <summary>Members in a given status, built through the same transitions the cluster uses.</summary>
internal static class TestMembers
{
    public static Member Joining(string host, long uid = 1, params string[] roles) =>
        Member.Joining(TestNodes.Node(host, uid), roles);

    public static Member Joining(UniqueAddress node, params string[] roles) => Member.Joining(node, roles);

    public static Member WeaklyUp(string host, long uid = 1) => Joining(host, uid).WithStatus(MemberStatus.WeaklyUp);

    public static Member Up(string host, int upNumber = 1, long uid = 1, params string[] roles) =>
        Joining(host, uid, roles).MovedUp(upNumber);

    public static Member Up(UniqueAddress node, int upNumber = 1) => Member.Joining(node, []).MovedUp(upNumber);

    public static Member Leaving(string host, int upNumber = 1, long uid = 1) => Up(host, upNumber, uid).WithStatus(MemberStatus.Leaving);

    public static Member Exiting(string host, int upNumber = 1, long uid = 1) => Leaving(host, upNumber, uid).WithStatus(MemberStatus.Exiting);

    public static Member Down(string host, int upNumber = 1, long uid = 1) => Up(host, upNumber, uid).WithStatus(MemberStatus.Down);

    public static Member InStatus(UniqueAddress node, MemberStatus status, int upNumber = 1) => status switch
    {
        MemberStatus.Joining => Member.Joining(node, []),
        MemberStatus.WeaklyUp => Member.Joining(node, []).WithStatus(MemberStatus.WeaklyUp),
        MemberStatus.Up => Up(node, upNumber),
        MemberStatus.Leaving => Up(node, upNumber).WithStatus(MemberStatus.Leaving),
        MemberStatus.Exiting => Up(node, upNumber).WithStatus(MemberStatus.Leaving).WithStatus(MemberStatus.Exiting),
        MemberStatus.Down => Up(node, upNumber).WithStatus(MemberStatus.Down),
        _ => Member.Removed(node),
    };
}

/// <summary>Gossips built from members, with everyone (or the given nodes) having seen them.</summary>
internal static class TestGossips
{
    public static Gossip Of(params Member[] members) => Gossip.Create(members);

    public static Gossip SeenByAll(params Member[] members)
    {
        var gossip = Gossip.Create(members);
        return members.Aggregate(gossip, (g, m) => g.MarkSeen(m.UniqueAddress));
    }
}

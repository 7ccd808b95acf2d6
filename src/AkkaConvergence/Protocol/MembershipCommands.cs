using Akka.Actor;

namespace AkkaConvergence.Protocol;

/// <summary>Leave and Down, which any member may issue for any member, and exit confirmations.</summary>
internal static class MembershipCommands
{
    public static void OnLeave(CoreStep step, Address address)
    {
        if (!TryFindMember(step, address, "Leave", out var member))
        {
            return;
        }

        if (member.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up)
        {
            step.ChangeLocally(step.Gossip.Update(member.WithStatus(MemberStatus.Leaving)));
        }
    }

    /// <summary>Down a member; a downed node that is still alive is sent the news directly so it stops.</summary>
    public static void OnDown(CoreStep step, Address address)
    {
        if (!TryFindMember(step, address, "Down", out var member) || member.Status == MemberStatus.Down)
        {
            return;
        }

        step.ChangeLocally(step.Gossip.MarkAsDown(member));
        if (member.UniqueAddress != step.Self)
        {
            step.SendGossipTo(member.UniqueAddress);
        }
    }

    /// <summary>
    /// Records an exit confirmation. A Leaving member counts too: when the leader itself leaves,
    /// its confirmation can reach the next leader before the version that made it Exiting does;
    /// dropping it then would leave the removal to failure detection (seconds) instead.
    /// </summary>
    public static void OnExitingConfirmed(CoreStep step, ExitingConfirmed message)
    {
        if (step.State.IsInitialized && step.Gossip.GetMember(message.Node).Status is MemberStatus.Leaving or MemberStatus.Exiting)
        {
            step.State = step.State with { ExitingConfirmed = step.State.ExitingConfirmed.Add(message.Node) };
        }
    }

    private static bool TryFindMember(CoreStep step, Address address, string command, out Member member)
    {
        member = null!;
        if (!step.State.IsInitialized)
        {
            step.Drop(DropReason.NotInitialized, command, address: address);
            return false;
        }

        var found = step.Gossip.Members.FirstOrDefault(m => m.Address.Equals(address));
        if (found is null)
        {
            step.Drop(DropReason.UnknownMember, command, address: address);
            return false;
        }

        member = found;
        return true;
    }
}

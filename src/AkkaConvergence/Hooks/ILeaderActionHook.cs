namespace AkkaConvergence;

/// <summary>
/// Lets an application take part in the leader's decisions. Registered with
/// <see cref="ConvergenceCluster.RegisterLeaderActionHook"/> on every node that may lead; consulted
/// only while that node is the leader. Hooks run on the membership actor: keep them fast. A hook
/// that throws is logged and counts as approving, so it can never stall the cluster.
/// </summary>
public interface ILeaderActionHook
{
    /// <summary>
    /// Called before a round of leader actions is applied, once per transition. Return false to
    /// hold the transition back: the member stays where it is (which never blocks convergence) and
    /// the transition is offered again in a later round.
    /// </summary>
    bool Approve(MemberTransition transition, CurrentClusterState state) => true;

    /// <summary>Called after a round of transitions was applied.</summary>
    void OnApplied(IReadOnlyList<MemberTransition> transitions, CurrentClusterState state)
    {
    }
}

namespace AkkaConvergence;

/// <summary>A status move the leader is about to make (or has made) for one member.</summary>
/// <param name="Member">The member as it was before the move.</param>
/// <param name="From">The status before the move.</param>
/// <param name="To">The status after the move; <see cref="MemberStatus.Removed"/> for a removal.</param>
public sealed record MemberTransition(Member Member, MemberStatus From, MemberStatus To);

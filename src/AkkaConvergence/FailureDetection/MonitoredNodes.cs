using System.Collections.Immutable;

namespace AkkaConvergence.FailureDetection;

/// <summary>
/// The members one node monitors (<see cref="HeartbeatRing"/>), recomputed only when the member
/// set changes: asked on every reaper tick, while the member set changes rarely.
/// </summary>
internal sealed class MonitoredNodes(UniqueAddress self, int monitoredByNrOfMembers)
{
    private ImmutableSortedSet<Member>? _members;
    private ImmutableArray<UniqueAddress> _monitored = [];

    public ImmutableArray<UniqueAddress> Among(ImmutableSortedSet<Member> members)
    {
        if (!ReferenceEquals(members, _members))
        {
            _monitored = HeartbeatRing.ReceiversOf(self, members.Select(m => m.UniqueAddress), monitoredByNrOfMembers);
            _members = members;
        }

        return _monitored;
    }
}

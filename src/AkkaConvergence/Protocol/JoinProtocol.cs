using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol;

/// <summary>
/// Joining: the user's join commands, the seed-node handshake, Join handling at the contact
/// (including a new incarnation on the same host:port) and the Welcome at the joiner.
/// </summary>
internal static class JoinProtocol
{
    /// <summary>
    /// A joiner re-sends InitJoin to the seeds, and Join to its contact, this often while it
    /// waits. Akka re-sends InitJoin every seed-node-timeout (non-first seeds) and Join only after
    /// retry-unsuccessful-join-after, so one lost message costs 5–10 s there; a resend per second
    /// costs two small messages.
    /// </summary>
    public const long JoinResendIntervalMillis = 1_000;

    /// <summary>How soon a joiner asks a seed again after it answered that it is not in a cluster yet (Akka waits seed-node-timeout): the seed is usually forming the cluster right now.</summary>
    public const long InitJoinRetryAfterNackMillis = 250;

    public static void OnJoinCommand(CoreStep step, Address address)
    {
        if (!CanStartJoin(step, nameof(JoinCommand)) || !IsSameCluster(step, address, nameof(JoinCommand)))
        {
            return;
        }

        if (address.Equals(step.Self.Address))
        {
            FormNewCluster(step);
            return;
        }

        SendJoin(step, address, seeds: [], keepRetryDeadline: false);
    }

    public static void OnJoinSeedNodes(CoreStep step, ImmutableList<Address> seedNodes)
    {
        if (!CanStartJoin(step, nameof(JoinSeedNodesCommand)))
        {
            return;
        }

        var seeds = seedNodes.Distinct().Where(seed => IsSameCluster(step, seed, nameof(JoinSeedNodesCommand))).ToImmutableList();
        if (seeds.IsEmpty)
        {
            step.Drop(DropReason.UnknownMember, nameof(JoinSeedNodesCommand));
            return;
        }

        if (seeds.Count == 1 && seeds[0].Equals(step.Self.Address))
        {
            FormNewCluster(step);
            return;
        }

        StartSeedHandshake(step, seeds);
    }

    /// <summary>
    /// Only an initialized, available member acknowledges: a joiner must reach a running cluster.
    /// A node that is not a member yet answers no, but remembers the asker and acknowledges it the
    /// moment it becomes a member (the first seed forming the cluster), instead of leaving it to ask
    /// again later.
    /// </summary>
    public static void OnInitJoin(CoreStep step, InitJoin message)
    {
        if (!IsSameCluster(step, message.From, nameof(InitJoin)))
        {
            return;
        }

        // The same statuses that take a Join (OnJoin): a Leaving seed must not acknowledge a joiner it would then refuse.
        var available = step.State.IsInitialized
                        && step.SelfMember.Status is not (MemberStatus.Leaving or MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed);
        step.Send(message.From, available ? new InitJoinAck(step.Self.Address) : new InitJoinNack(step.Self.Address));
        if (!available && step.State.Phase is CorePhase.Uninitialized or CorePhase.Joining && step.State.EarlyAskers.Count < MaxEarlyAskers)
        {
            step.State = step.State with { EarlyAskers = step.State.EarlyAskers.Add(message.From) };
        }
    }

    /// <summary>At most this many early askers are remembered (the rest simply ask again).</summary>
    private const int MaxEarlyAskers = 1024;

    /// <summary>This node just became a member: acknowledge everyone who asked while it was not.</summary>
    private static void AcknowledgeEarlyAskers(CoreStep step)
    {
        foreach (var asker in step.State.EarlyAskers.OrderBy(a => a, Member.AddressOrdering))
        {
            step.Send(asker, new InitJoinAck(step.Self.Address));
        }

        step.State = step.State with { EarlyAskers = [] };
    }

    public static void OnInitJoinAck(CoreStep step, InitJoinAck message)
    {
        if (step.State is { Phase: CorePhase.Joining, Join: { Contact: null } join })
        {
            SendJoin(step, message.From, join.SeedNodes, keepRetryDeadline: false);
        }
    }

    /// <summary>
    /// The first seed forms a new cluster as soon as every other seed said it is not in one; any
    /// other joiner asks again shortly, since the seed may be forming the cluster right now.
    /// </summary>
    public static void OnInitJoinNack(CoreStep step, InitJoinNack message)
    {
        if (step.State is not { Phase: CorePhase.Joining, Join: { Contact: null } join })
        {
            return;
        }

        if (!join.IsFirstSeed)
        {
            var retryAt = step.NowMillis + InitJoinRetryAfterNackMillis;
            if (retryAt < join.NextInitJoinAtMillis)
            {
                step.State = step.State with { Join = join with { NextInitJoinAtMillis = retryAt } };
            }

            return;
        }

        var nacked = join.NackedBy.Add(message.From);
        step.State = step.State with { Join = join with { NackedBy = nacked } };
        if (join.SeedNodes.Where(seed => !seed.Equals(step.Self.Address)).All(nacked.Contains))
        {
            FormNewCluster(step);
        }
    }

    /// <summary>Seed handshake re-sends, forming a new cluster, Join resends and join retries, when their deadlines are due.</summary>
    public static void OnWakeUp(CoreStep step)
    {
        if (step.State is not { Phase: CorePhase.Joining, Join: { } join })
        {
            return;
        }

        if (join.Contact is null)
        {
            if (join.FormNewClusterAtMillis is { } formAt && step.NowMillis >= formAt)
            {
                FormNewCluster(step);
            }
            else if (step.NowMillis >= join.NextInitJoinAtMillis)
            {
                SendInitJoins(step, join);
            }
        }
        else if (join.RetryJoinAtMillis is not { } retryAt || step.NowMillis < retryAt)
        {
            if (step.NowMillis >= join.NextJoinResendAtMillis)
            {
                SendJoin(step, join.Contact, join.SeedNodes, keepRetryDeadline: true);
            }
        }
        else
        {
            step.Note(new JoinRetried(join.Contact));
            if (join.SeedNodes.IsEmpty)
            {
                SendJoin(step, join.Contact, seeds: [], keepRetryDeadline: false);
            }
            else
            {
                StartSeedHandshake(step, join.SeedNodes);
            }
        }
    }

    /// <summary>
    /// At the contact: admit the joiner as Joining and welcome it. A joiner on the host:port of an
    /// existing member with another uid is that node restarted: the old incarnation is downed and
    /// removed at once (a tombstone makes that safe without convergence) and the new one admitted
    /// in the same step, instead of Akka's wait-for-convergence-and-retry cycle.
    /// </summary>
    public static void OnJoin(CoreStep step, Join message)
    {
        var joiner = message.Node;
        if (!IsSameCluster(step, joiner.Address, nameof(Join)))
        {
            return;
        }

        if (!step.State.IsInitialized)
        {
            step.Drop(DropReason.NotInitialized, message, joiner);
            return;
        }

        if (step.SelfMember.Status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Leaving)
        {
            step.Drop(DropReason.SelfNotAvailable, message, joiner);
            return;
        }

        if (step.Gossip.Tombstones.ContainsKey(joiner))
        {
            step.Drop(DropReason.RemovedIncarnation, message, joiner);
            return;
        }

        if (!IsCompatible(step, message))
        {
            return;
        }

        if (step.Gossip.HasMember(joiner))
        {
            Welcome(step, joiner); // The joiner retried: our Welcome was lost.
            return;
        }

        var gossip = step.Gossip;
        var previousIncarnation = gossip.Members.FirstOrDefault(m => m.Address.Equals(joiner.Address));
        if (previousIncarnation?.UniqueAddress == step.Self)
        {
            step.Drop(DropReason.WrongIncarnation, message, joiner);
            return;
        }

        if (previousIncarnation is not null)
        {
            gossip = gossip.Remove(previousIncarnation.UniqueAddress, step.WallMillis);
            step.Note(new IncarnationReplaced(joiner, previousIncarnation.UniqueAddress));
        }

        step.ChangeLocally(gossip.Update(Member.Joining(joiner, message.Roles)));
        step.Note(new JoinAdmitted(joiner, message.Roles));
        Welcome(step, joiner);
    }

    /// <summary>
    /// At the contact: a joiner whose settings conflict with this node's is refused, and told
    /// why, before anything changes (as Akka's configuration-compatibility-check). A joiner that
    /// requires signatures may not be able to read the unsigned refusal of a node without keys;
    /// its log then names the unsigned reply, and the cluster is still kept from admitting a
    /// member that could never see its gossip (and so would hold back convergence for good).
    /// </summary>
    private static bool IsCompatible(CoreStep step, Join message)
    {
        var conflicts = step.Settings.Compatibility.ConflictsWith(message.Compatibility);
        if (conflicts.IsEmpty)
        {
            return true;
        }

        if (!step.Settings.EnforceCompatibilityOnJoin)
        {
            step.Note(new IncompatibleJoinerAdmitted(message.Node, conflicts));
            return true;
        }

        step.Send(message.Node.Address, new JoinRefused(step.Self, conflicts));
        step.Drop(DropReason.IncompatibleSettings, message, message.Node, detail: string.Join("; ", conflicts));
        return false;
    }

    /// <summary>
    /// At the joiner: the contact it asked refused it. Its settings will not change by asking
    /// again, so the join ends here, as Akka's joiner ends on an incompatible configuration; the
    /// shell fails the join tasks with the reason and, when configured, runs CoordinatedShutdown.
    /// </summary>
    public static void OnJoinRefused(CoreStep step, JoinRefused message)
    {
        if (step.State is not { Phase: CorePhase.Joining, Join.Contact: { } contact } || !contact.Equals(message.From.Address))
        {
            step.Drop(DropReason.UnexpectedRefusal, message, message.From);
            return;
        }

        step.State = step.State with { Phase = CorePhase.Terminated, Join = null };
        step.Note(new JoinRefusedByCluster(message.From, message.Conflicts.Take(JoinCompatibility.MaxConflictsReported).ToImmutableList()));
        step.Emit(new ShutdownRequested(ShutdownReason.JoinRefused));
    }

    /// <summary>At the joiner: adopt the contact's gossip, tell it we have seen it, and become a member.</summary>
    public static void OnWelcome(CoreStep step, Welcome message)
    {
        if (step.State is not { Phase: CorePhase.Joining, Join.Contact: { } contact } || !contact.Equals(message.From.Address))
        {
            step.Drop(DropReason.UnexpectedWelcome, message, message.From);
            return;
        }

        if (!message.Gossip.HasMember(step.Self))
        {
            step.Drop(DropReason.NotInGossip, message, message.From);
            return;
        }

        step.State = step.State with { Phase = CorePhase.Initialized, Join = null };
        step.AdoptWelcomed(message.Gossip);
        step.SendGossipTo(message.From, message.Gossip);
        AcknowledgeEarlyAskers(step);
        step.Note(new Welcomed(message.From));
    }

    private static void FormNewCluster(CoreStep step)
    {
        var self = Member.Joining(step.Self, step.State.Roles);
        step.State = step.State with { Phase = CorePhase.Initialized, Join = null };
        step.ChangeLocally(Gossip.Create([self]));
        step.Note(new FormedNewCluster(step.Self));
        AcknowledgeEarlyAskers(step);
    }

    private static void StartSeedHandshake(CoreStep step, ImmutableList<Address> seeds)
    {
        var isFirstSeed = seeds[0].Equals(step.Self.Address);
        var join = new JoinProgress(
            seeds,
            isFirstSeed,
            [],
            null,
            isFirstSeed ? step.NowMillis + (long)step.Settings.SeedNodeTimeout.TotalMilliseconds : null,
            step.NowMillis,
            null,
            long.MaxValue);
        step.State = step.State with { Phase = CorePhase.Joining, Join = join };
        SendInitJoins(step, join);
    }

    private static void SendInitJoins(CoreStep step, JoinProgress join)
    {
        foreach (var seed in join.SeedNodes.Where(seed => !seed.Equals(step.Self.Address) && !join.NackedBy.Contains(seed)))
        {
            step.Send(seed, new InitJoin(step.Self.Address));
        }

        var resendAt = step.NowMillis + JoinResendIntervalMillis;
        step.State = step.State with { Join = join with { NextInitJoinAtMillis = resendAt } };
    }

    /// <summary>Sends Join to the contact and arranges the resend (and, unless kept, a fresh retry deadline).</summary>
    private static void SendJoin(CoreStep step, Address contact, ImmutableList<Address> seeds, bool keepRetryDeadline)
    {
        var join = step.State.Join ?? new JoinProgress(seeds, false, [], null, null, long.MaxValue, null, long.MaxValue);
        var retryAt = keepRetryDeadline
            ? join.RetryJoinAtMillis
            : step.Settings.RetryUnsuccessfulJoinAfter is { } retry ? step.NowMillis + (long)retry.TotalMilliseconds : null;
        var resendAt = step.NowMillis + JoinResendIntervalMillis;
        step.State = step.State with
        {
            Phase = CorePhase.Joining,
            Join = join with
            {
                SeedNodes = seeds,
                Contact = contact,
                FormNewClusterAtMillis = null,
                RetryJoinAtMillis = retryAt,
                NextJoinResendAtMillis = resendAt,
            },
        };
        step.Send(contact, new Join(step.Self, step.State.Roles, step.Settings.Compatibility));
    }

    private static void Welcome(CoreStep step, UniqueAddress joiner) =>
        step.Send(joiner.Address, new Welcome(step.Self, step.Gossip));

    private static bool CanStartJoin(CoreStep step, string input)
    {
        if (step.State.Phase is CorePhase.Initialized or CorePhase.Terminated)
        {
            step.Drop(DropReason.AlreadyJoined, input);
            return false;
        }

        return true;
    }

    private static bool IsSameCluster(CoreStep step, Address address, string what)
    {
        if (string.Equals(address.System, step.Self.Address.System, StringComparison.Ordinal)
            && string.Equals(address.Protocol, step.Self.Address.Protocol, StringComparison.Ordinal))
        {
            return true;
        }

        step.Drop(DropReason.ForeignCluster, what, address: address);
        return false;
    }
}

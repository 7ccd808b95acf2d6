using System.Collections.Immutable;

namespace AkkaConvergence.Protocol;

/// <summary>
/// Who gets told what, when: the periodic gossip round (Akka's target choice, as anti-entropy)
/// and the event-driven push of a new version to a few members that have not seen it.
/// </summary>
internal static class Dissemination
{
    /// <summary>
    /// How many unseen members a node pushes a new version to at once. Random pushes of two per
    /// receiving node reach about 80% of a cluster (each node gets 1.6 on average); the leader,
    /// which hears every member's acknowledgement, then pushes to exactly the rest. Three reached
    /// 94% but every node got 2.8 pushes and answered each: measured at 1,000 members, a join cost
    /// 2.76 MB and took 207 ms with three, 2.18 MB and 106 ms with two and the larger repair.
    /// </summary>
    /// <remarks>
    /// In a cluster of at most <see cref="StateGossip.DirectPushPeers"/> other members, a node's own
    /// change goes to every member that has not seen it at once: with two random pushes a node or
    /// two of ten were missed about every time and waited for the leader's repair (a join into 10
    /// took 59 ms at the median over 20 seeds, 10 with fanout 3). Members that receive it push it
    /// on as usual, which costs a small cluster little and covers a lost push.
    /// </remarks>
    public const int PushFanout = 2;

    /// <summary>
    /// How many random members a node tells that every member has seen its version (once per
    /// version). Two reach about 80% of the cluster by themselves and the rest learn it from
    /// exchanges that mostly find it already; measured at 1,000 members, three cost 4% more bytes
    /// per join for the same steady state (291 B/node/s against 437 without telling).
    /// </summary>
    public const int SeenByAllFanout = 2;

    /// <summary>
    /// One push (and one acknowledgement) token comes back per this many milliseconds: a few
    /// changes in a row go out at once, a burst is coalesced to the newest version at 10 per second.
    /// </summary>
    public const long PushIntervalMillis = 100;

    /// <summary>
    /// How long after a new version the leader pushes it directly to members that have not
    /// acknowledged it: long enough for the random pushes' acknowledgements of a LAN to arrive
    /// (a few hops of about 1 ms), short against the 1 s gossip round it replaces.
    /// </summary>
    public const long StragglerRepairDelayMillis = 50;

    /// <summary>
    /// The fewest members one straggler repair round may push to; above 600 members the bound is a
    /// third of them (<see cref="StragglerRepairLimitFor"/>): the random pushes leave about one
    /// member in five, and a lossy network drops one acknowledgement in ten at 10% loss, so the
    /// leader reaches both in one round instead of leaving them to random gossip rounds.
    /// </summary>
    public const int StragglerRepairLimit = 200;

    /// <summary>
    /// Repair rounds per version, each after twice the previous delay up to 200 ms (50, 100, 200,
    /// 200, 200, 200: 950 ms in all, short of the gossip round). A repair and its answer both
    /// arrive four times in five at 10% loss, so a few of a thousand missing still are after four
    /// rounds (and waited for the gossip round: a join into 3,000 converged after 1.5 s, not 1.1 s).
    /// Members whose acknowledgement is merely late drop out of the missing set between rounds.
    /// </summary>
    public const int StragglerRepairRounds = 6;

    /// <summary>
    /// Rounds after the fourth run only when at most this many are missing: stragglers of a lossy
    /// network, not the far side of a partition the failure detector has not yet found (repairing
    /// that for six rounds cost a partition of 1,000 members 20% more bytes).
    /// </summary>
    public const int LateRepairMissingLimit = 50;

    private const int FullRepairRounds = 4;

    private const long StragglerRepairMaxDelayMillis = 200;

    /// <summary>
    /// How long a node waits for the members it pushed a version to to say they saw it (their reply
    /// to the push) before it pushes again to those it did not hear from: a few LAN round trips.
    /// </summary>
    public const long PushRetryDelayMillis = 50;

    /// <summary>
    /// Repeats of a push to a member not heard from, after 50 and 100 ms. A one-shot push (or its
    /// reply) is lost about one time in five at 10% loss, and the members it missed waited for the
    /// leader's repair or a gossip round (a join into 10,000 at 10% loss: p99 14.9 s); repeated,
    /// a push is lost about one time in a hundred. Without loss nothing is repeated: every push is
    /// answered within a round trip.
    /// </summary>
    public const int PushRetries = 2;

    /// <summary>How many members besides itself an acknowledgement names as having seen the version.</summary>
    public const int AcknowledgedOthers = 3;

    /// <summary>The most members one repair round pushes to in a cluster of <paramref name="members"/>.</summary>
    public static int StragglerRepairLimitFor(int members) => Math.Max(StragglerRepairLimit, members / 3);

    /// <summary>
    /// One periodic round of anti-entropy: with the (size-adjusted) prefer-unseen probability a
    /// member that has not seen this version, otherwise any member, is sent a digest. New versions
    /// travel by push; the digest only finds who is behind (it answers with a request and gets the
    /// full gossip) or ahead (it sends its gossip), so a converged cluster exchanges digests only,
    /// where Akka keeps sending full gossips to members it does not know have seen the version.
    /// While fewer than half have seen the version, three rounds instead of one (Akka's speed-up,
    /// without extra timers).
    /// </summary>
    public static void OnGossipRound(CoreStep step)
    {
        if (!step.State.IsInitialized || step.Gossip.Members.Count <= 1)
        {
            return;
        }

        var targets = step.Membership.ValidGossipTargets;
        if (targets.Count == 0)
        {
            return;
        }

        var rounds = step.Gossip.Seen.Count < step.Gossip.Members.Count / 2 ? 3 : 1;
        var probability = step.Settings.PreferUnseenProbabilityFor(step.Gossip.Members.Count);
        for (var round = 0; round < rounds; round++)
        {
            GossipOnce(step, targets, probability);
        }
    }

    /// <summary>
    /// Spreads a new version: pushed at once to a few members that have not seen it (bounded by
    /// the push fanout and a token bucket per node, so a burst of changes cannot become a storm),
    /// acknowledged to the leader by a node that received it (so the leader sees convergence
    /// without waiting for rounds), and repaired by the leader for the members that random pushes
    /// missed. Runs after every input, flushing what an earlier step left pending; what is still
    /// pending sets a deadline (<see cref="PushState.NextDueAtMillis"/>).
    /// </summary>
    public static void SpreadNewVersion(CoreStep step)
    {
        if (!step.State.IsInitialized)
        {
            return;
        }

        var push = NoteNewVersion(step, step.State.Push);
        if (push is { PushPending: false, AcknowledgementPending: false, RepairDueAtMillis: null, RetryDueAtMillis: null })
        {
            return; // Nothing to spread (most steps: heartbeats, digests): no work, no allocation.
        }

        push = push with
        {
            PushTokens = push.PushTokens.RefilledAt(step.NowMillis, PushIntervalMillis),
            AcknowledgementTokens = push.AcknowledgementTokens.RefilledAt(step.NowMillis, PushIntervalMillis),
        };
        push = PushIfDue(step, push); // A new push replaces a due retry: its targets get the newest version.
        push = RetryIfDue(step, push);
        push = AcknowledgeIfDue(step, push);
        push = RepairIfDue(step, push);
        step.State = step.State with { Push = push };
    }

    /// <summary>
    /// When this step has made our version seen by every member, two random members are told so
    /// (a reply status, merged and never answered, whose seen-set then costs 4 bytes); each that
    /// learns it from this tells a few more, once. Without it every node learned the last few
    /// entries of the seen-set from digest exchanges with one member a round, and a converged
    /// cluster exchanged full statuses instead of fingerprints for about log2(N) rounds after every
    /// change (half its steady-state bytes at 1,000 members). The leader knows first: it gathers
    /// every member's acknowledgement to see convergence.
    /// </summary>
    public static void SpreadSeenByAll(CoreStep step)
    {
        var gossip = step.Gossip;
        if (!step.State.IsInitialized || !step.MembershipChanged || !gossip.IsSeenByAll || gossip.Members.Count <= 2)
        {
            return;
        }

        var before = step.GossipBefore;
        if (before.IsSeenByAll && before.Version.IsSameAs(gossip.Version))
        {
            return; // Known before this step: told already.
        }

        foreach (var node in PickDistinct(step.Random, step.Membership.ValidGossipTargets, SeenByAllFanout))
        {
            step.SendStatusTo(node, GossipStatusKind.Reply);
        }
    }

    /// <summary>
    /// A new version this step: push it (unless it came in a welcome: the welcomer spreads it),
    /// acknowledge it if it came from elsewhere, and restart the repair rounds. Not acknowledged: a
    /// version the leader sent, which this step answered with a reply that says the same (those
    /// acknowledgements were a sixth of a join's bytes at 10,000 members). Every other new version
    /// is pushed on: not pushing one the leader repaired, which most members had seen, saved 15%
    /// of a join's bytes at 1,000 but made a leave five times slower.
    /// </summary>
    private static PushState NoteNewVersion(CoreStep step, PushState push)
    {
        var source = step.NewVersionSource;
        if (source == VersionSource.None)
        {
            return push;
        }

        var received = source is VersionSource.Received or VersionSource.Welcomed;
        return push with
        {
            PushPending = push.PushPending || source != VersionSource.Welcomed,
            PushToAll = (push.PushPending && push.PushToAll) || source == VersionSource.Local,
            AcknowledgementPending = (push.AcknowledgementPending || received) && !step.TellsLeaderOfSeen,
            RepairDueAtMillis = step.NowMillis + StragglerRepairDelayMillis,
            RepairRound = 0,
        };
    }

    private static PushState PushIfDue(CoreStep step, PushState push)
    {
        if (!push.PushPending || !push.PushTokens.HasToken)
        {
            return push;
        }

        var unseen = step.Membership.ValidGossipTargets.Where(node => !step.Gossip.HasSeen(node)).ToList();
        var fanout = push.PushToAll && StateGossip.PushesDirectly(step) ? unseen.Count : PushFanout;
        var pushed = PickDistinct(step.Random, unseen, fanout).ToImmutableArray();
        foreach (var node in pushed)
        {
            step.SendGossipTo(node);
        }

        return push with
        {
            PushPending = false,
            PushToAll = false,
            PushTokens = push.PushTokens.Take(),
            Pushed = pushed,
            PushedVersion = step.Gossip.Version,
            // The leader's repair rounds, due at the same time, push to every member still missing.
            RetryDueAtMillis = pushed.IsEmpty || step.Membership.IsLeader ? null : step.NowMillis + PushRetryDelayMillis,
            RetryRound = 0,
        };
    }

    /// <summary>
    /// When the wait for the pushed members' replies is over: the latest version again to those
    /// that have not been seen with it (the push or the reply was lost, or the member is slow), at
    /// most <see cref="PushRetries"/> times, each after twice the previous wait. A member that
    /// left the valid targets meanwhile (unreachable, removed) is not retried, and nothing is once
    /// a newer version replaced the pushed one: that one has its push, within the rate limit
    /// (repeating whatever was newest let a burst of versions past the limit: a formation of
    /// 1,000 cost 10% more bytes).
    /// </summary>
    private static PushState RetryIfDue(CoreStep step, PushState push)
    {
        if (push.RetryDueAtMillis is not { } retryAt || step.NowMillis < retryAt)
        {
            return push;
        }

        var silent = push.RetryRound < PushRetries && push.PushedVersion.IsSameAs(step.Gossip.Version)
            ? push.Pushed.Where(node => !step.Gossip.HasSeen(node) && step.Membership.IsValidGossipTarget(node)).ToImmutableArray()
            : [];
        if (silent.IsEmpty)
        {
            return push with { Pushed = [], PushedVersion = VectorClock.Empty, RetryDueAtMillis = null };
        }

        foreach (var node in silent)
        {
            step.SendGossipTo(node);
        }

        var round = push.RetryRound + 1;
        return push with { Pushed = silent, RetryDueAtMillis = step.NowMillis + (PushRetryDelayMillis << round), RetryRound = round };
    }

    private static PushState AcknowledgeIfDue(CoreStep step, PushState push)
    {
        if (!push.AcknowledgementPending || !push.AcknowledgementTokens.HasToken)
        {
            return push;
        }

        if (step.Membership.Leader is { } leader && leader != step.Self && step.Gossip.HasSeen(step.Self))
        {
            // Our entry and a few others we know have seen it: when an acknowledgement is lost,
            // the leader most likely hears of its sender from another. Our whole seen-set (up to
            // N/8 bytes, 768 at most) cost a join into 1,000 members 2.03 MB instead of 1.99 for
            // the same times over 8 seeds at 10% loss; with our entry alone, before the leader
            // repaired a third of the members a round, a leave at 1,000 took 875 ms, not 574.
            var others = RandomOthersSeen(step, AcknowledgedOthers);
            step.SendStatusTo(leader, GossipStatusKind.Acknowledgement, SeenDigest.Of(step.Gossip.OnlySeen(step.Self).MergeSeen(others)));
        }

        return push with { AcknowledgementPending = false, AcknowledgementTokens = push.AcknowledgementTokens.Take() };
    }

    /// <summary>
    /// Up to <paramref name="count"/> members besides self in the seen-set, at random: those whose
    /// uid, mixed with one random salt, is smallest. One pass, whatever the hash set's order (which
    /// differs between processes, and the simulator must replay a seed exactly), where sorting the
    /// set by address first costs O(k log k) address comparisons per acknowledgement.
    /// </summary>
    private static List<UniqueAddress> RandomOthersSeen(CoreStep step, int count)
    {
        var salt = (ulong)step.Random.NextInt64();
        var best = new List<(ulong Key, UniqueAddress Node)>(count + 1);
        foreach (var node in step.Gossip.Seen)
        {
            if (node == step.Self)
            {
                continue;
            }

            var key = GossipFingerprint.Mix(unchecked((ulong)node.Uid) ^ salt);
            if (best.Count == count && key >= best[^1].Key)
            {
                continue;
            }

            var at = best.FindIndex(b => key < b.Key);
            best.Insert(at < 0 ? best.Count : at, (key, node));
            if (best.Count > count)
            {
                best.RemoveAt(count);
            }
        }

        return best.ConvertAll(b => b.Node);
    }

    /// <summary>Leader only: a repair round when due, the next one after twice the delay while anyone is still missing.</summary>
    private static PushState RepairIfDue(CoreStep step, PushState push)
    {
        var isLeader = step.Membership.IsLeader;
        if (push.RepairDueAtMillis is not { } repairAt || (isLeader && step.NowMillis < repairAt))
        {
            return push;
        }

        var anyMissing = isLeader && RepairStragglers(step, push.RepairRound < FullRepairRounds ? int.MaxValue : LateRepairMissingLimit);
        var round = push.RepairRound + 1;
        var nextDelay = Math.Min(StragglerRepairDelayMillis << round, StragglerRepairMaxDelayMillis);
        return anyMissing && round < StragglerRepairRounds
            ? push with { RepairDueAtMillis = step.NowMillis + nextDelay, RepairRound = round }
            : push with { RepairDueAtMillis = null, RepairRound = round };
    }

    /// <summary>
    /// The leader waits for every member to see a version before it acts, and it hears of each
    /// one's acknowledgement: once the repair delay has passed, the few still missing get the
    /// version directly (bounded per round), rather than after a random gossip round; none when more
    /// than <paramref name="repairedAtMost"/> are. Returns whether a round ran and anyone was missing.
    /// </summary>
    private static bool RepairStragglers(CoreStep step, int repairedAtMost)
    {
        var missing = step.Membership.ValidGossipTargets
            .Where(node => !step.Gossip.HasSeen(node) && step.Gossip.GetMember(node).Status is not (MemberStatus.Down or MemberStatus.Exiting))
            .ToList();
        if (missing.Count > repairedAtMost)
        {
            return false;
        }

        foreach (var node in PickDistinct(step.Random, missing, StragglerRepairLimitFor(step.Gossip.Members.Count)))
        {
            step.SendGossipTo(node);
        }

        return missing.Count > 0;
    }

    /// <summary>Sends the full gossip to up to <paramref name="count"/> random valid targets.</summary>
    public static void GossipToRandom(CoreStep step, int count)
    {
        foreach (var node in PickDistinct(step.Random, step.Membership.ValidGossipTargets, count))
        {
            step.SendGossipTo(node);
        }
    }

    private static void GossipOnce(CoreStep step, IReadOnlyList<UniqueAddress> targets, double preferUnseenProbability)
    {
        // Seen by all: no member to prefer, and no walk over all of them to find none (at 100,000
        // simulated members that walk, every round on every node, was nearly all of the run).
        if (step.Random.NextDouble() < preferUnseenProbability && !step.Gossip.IsSeenByAll)
        {
            var unseen = targets.Where(node => !step.Gossip.HasSeen(node)).ToList();
            if (unseen.Count > 0)
            {
                step.SendStatusTo(unseen[step.Random.Next(unseen.Count)], GossipStatusKind.Periodic);
                return;
            }
        }

        // A node that has seen this version most likely holds it as it is: 8 bytes tell whether it
        // does. One that has not seen it gets the full status, which says what to exchange.
        var target = targets[step.Random.Next(targets.Count)];
        if (step.Gossip.HasSeen(target))
        {
            step.SendFingerprintTo(target);
        }
        else
        {
            step.SendStatusTo(target, GossipStatusKind.Periodic);
        }
    }

    /// <summary>Up to <paramref name="count"/> distinct items in random order (partial Fisher-Yates).</summary>
    public static IEnumerable<T> PickDistinct<T>(Random random, IReadOnlyList<T> items, int count)
    {
        var pool = items.ToArray();
        var take = Math.Min(count, pool.Length);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
            yield return pool[i];
        }
    }
}

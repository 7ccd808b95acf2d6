using System.Collections.Immutable;

namespace AkkaConvergence.Protocol;

/// <summary>
/// Rate limiting of event-driven dissemination, as two token buckets (pushes of the latest
/// version, acknowledgements to the leader). A few changes in a row go out at once; during a
/// burst (many nodes joining together) a node forwards only the newest version, at the refill
/// rate, instead of every intermediate one. What is pending goes out when a token is back.
/// </summary>
/// <param name="PushPending">The latest version still has to be pushed.</param>
/// <param name="PushToAll">The pending version is this node's own change: in a small cluster it goes to every member that has not seen it.</param>
/// <param name="PushTokens">Tokens for pushes.</param>
/// <param name="AcknowledgementPending">The leader still has to be told this node has seen the latest version.</param>
/// <param name="AcknowledgementTokens">Tokens for acknowledgements.</param>
/// <param name="RepairDueAtMillis">Leader only: when to push the latest version to members that have not acknowledged it; null once done.</param>
/// <param name="RepairRound">How many repair rounds the latest version has had.</param>
/// <param name="Pushed">The members the latest push went to, until each has said it saw the version (or the retries are used up).</param>
/// <param name="PushedVersion">The version the latest push carried: a repeat is only of that version (a newer one has a push of its own, within the rate limit).</param>
/// <param name="RetryDueAtMillis">When to push again to those of <paramref name="Pushed"/> not heard from; null when none is awaited.</param>
/// <param name="RetryRound">How many times the latest push has been repeated.</param>
internal sealed record PushState(
    bool PushPending,
    bool PushToAll,
    TokenBucket PushTokens,
    bool AcknowledgementPending,
    TokenBucket AcknowledgementTokens,
    long? RepairDueAtMillis,
    int RepairRound,
    ImmutableArray<UniqueAddress> Pushed,
    VectorClock PushedVersion,
    long? RetryDueAtMillis,
    int RetryRound)
{
    public static PushState Idle { get; } = new(false, false, TokenBucket.Full, false, TokenBucket.Full, null, 0, [], VectorClock.Empty, null, 0);

    /// <summary>When something pending can go out: a token back for a pending push or acknowledgement, a repeated push, or a repair round.</summary>
    public long NextDueAtMillis() => Math.Min(
        Math.Min(
            PushPending ? PushTokens.NextTokenAtMillis(Dissemination.PushIntervalMillis) : long.MaxValue,
            AcknowledgementPending ? AcknowledgementTokens.NextTokenAtMillis(Dissemination.PushIntervalMillis) : long.MaxValue),
        Math.Min(RepairDueAtMillis ?? long.MaxValue, RetryDueAtMillis ?? long.MaxValue));
}

/// <summary>A token bucket with <see cref="Capacity"/> tokens, one refilled per interval.</summary>
/// <param name="Tokens">Tokens available at <paramref name="AsOfMillis"/>.</param>
/// <param name="AsOfMillis">When <paramref name="Tokens"/> was last computed.</param>
internal sealed record TokenBucket(double Tokens, long AsOfMillis)
{
    public const int Capacity = 3;

    public static TokenBucket Full { get; } = new(Capacity, long.MinValue / 2);

    public TokenBucket RefilledAt(long nowMillis, long intervalMillis) =>
        new(Math.Min(Capacity, Tokens + ((double)(nowMillis - AsOfMillis) / Math.Max(1, intervalMillis))), nowMillis);

    public bool HasToken => Tokens >= 1;

    public TokenBucket Take() => this with { Tokens = Tokens - 1 };

    /// <summary>When the next whole token is back.</summary>
    public long NextTokenAtMillis(long intervalMillis) => AsOfMillis + (long)Math.Ceiling((1 - Tokens) * intervalMillis);
}

namespace AkkaConvergence.Tests;

public class SelfStatusWaitersTests
{
    private static readonly Member Joining = TestMembers.Joining("a");
    private static readonly Member Up = TestMembers.Up("a");

    [Fact]
    public async Task A_view_that_changed_before_the_waiter_was_registered_is_seen_and_completes_it()
    {
        var waiters = new SelfStatusWaiters();

        // The caller read Joining, then the node became Up and checked the (not yet registered)
        // waiters; nothing changes afterwards. The waiter reads the view only once registered.
        var task = waiters.WaitFor(() => (Up, false), self => self.Status == MemberStatus.Up, terminationCompletes: false, "up", CancellationToken.None);

        await task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_waiter_fails_or_completes_when_the_extension_ends_first_as_asked()
    {
        var waiters = new SelfStatusWaiters();
        var up = waiters.WaitFor(() => (Joining, false), self => self.Status == MemberStatus.Up, terminationCompletes: false, "up", CancellationToken.None);
        var removed = waiters.WaitFor(() => (Joining, false), _ => false, terminationCompletes: true, "removal", CancellationToken.None);

        waiters.Check(Joining, terminated: true);

        await Assert.ThrowsAsync<InvalidOperationException>(() => up.WaitAsync(TimeSpan.FromSeconds(5)));
        await removed.WaitAsync(TimeSpan.FromSeconds(5));
        var late = waiters.WaitFor(() => (Joining, true), self => self.Status == MemberStatus.Up, terminationCompletes: false, "up", CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => late.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}

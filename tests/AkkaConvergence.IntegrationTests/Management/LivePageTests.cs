using System.Text.RegularExpressions;
using AkkaConvergence.Management;
using SkiaSharp;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests.Management;

/// <summary>The live page in a real (headless) browser: what a person sees, and that it follows the cluster.</summary>
public sealed partial class LivePageTests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task The_page_shows_members_statuses_leader_and_convergence_and_then_an_unreachable_member_in_the_matrix()
    {
        if (!HeadlessChromium.MustRun)
        {
            return; // No browser on this machine and not on CI: nothing to look with (CI installs it).
        }

        // No downing: the stopped node stays unreachable (and the view unconverged) while the page is read.
        const string NoDowning = "akka.convergence.downing.strategy = off\nakka.coordinated-shutdown.run-by-actor-system-terminate = off";
        var first = _cluster.Start($"akka.convergence.management {{ enabled = on, port = 0 }}\n{NoDowning}");
        var others = new[] { _cluster.Start(NoDowning), _cluster.Start(NoDowning) };
        var systems = others.Prepend(first).ToList();
        var page = await ConvergenceManagement.Get(first).Bound.WaitAsync(DefaultWait);
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([Cluster(first).SelfAddress]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);
        await AwaitCondition(() => Cluster(first).State.IsConverged, "converged");

        var dom = await HeadlessChromium.DumpDom(page);
        Assert.Equal(3, MemberRow().Matches(dom).Count);
        Assert.Equal(3, UpBadge().Matches(dom).Count);
        Assert.Contains("class=\"badge converged\"", dom, StringComparison.Ordinal);
        Assert.Contains("★ leader", dom, StringComparison.Ordinal);
        Assert.Contains(Short(Cluster(first).State.Leader!.ToString()), dom, StringComparison.Ordinal);
        Assert.Equal(6, OkCell().Matches(dom).Count); // 3 x 3 matrix without its diagonal: every link fine.
        Assert.Contains("MemberUp", dom, StringComparison.Ordinal); // The recent events list.

        using var screenshot = SKBitmap.Decode(await HeadlessChromium.Screenshot(page, ScreenshotPath()));
        Assert.Equal((1280, 900), (screenshot.Width, screenshot.Height));
        Assert.True(CountNear(screenshot, new SKColor(0x24, 0x29, 0x2f)) > 20_000, "the dark header band is drawn");
        Assert.True(CountNear(screenshot, new SKColor(0x1b, 0x87, 0x3f)) > 1_000, "green Up and converged badges are drawn");
        Assert.True(CountNear(screenshot, new SKColor(0xcf, 0x22, 0x2e)) < 50, "nothing is shown red while all is well");

        var lost = Cluster(others[1]).SelfAddress;
        await others[1].Terminate().WaitAsync(DefaultWait);
        await AwaitCondition(() => Cluster(first).State.Unreachable.Any(m => m.Address == lost), "the stopped node is unreachable");

        dom = await HeadlessChromium.DumpDom(page);
        Assert.Contains("class=\"badge unconverged\"", dom, StringComparison.Ordinal);
        Assert.Contains("class=\"unreachable\">unreachable<", dom, StringComparison.Ordinal);
        Assert.True(BadCell().Matches(dom).Count >= 1, "the matrix marks who cannot reach the stopped node");
        Assert.Contains("UnreachableMember", dom, StringComparison.Ordinal);
    }

    /// <summary>Set CONVERGENCE_PAGE_SCREENSHOT to a file path to keep the screenshot and look at it.</summary>
    private static string ScreenshotPath() =>
        Environment.GetEnvironmentVariable("CONVERGENCE_PAGE_SCREENSHOT") is { Length: > 0 } kept ? kept : Path.Combine(Path.GetTempPath(), $"convergence-page-{Guid.NewGuid():N}.png");

    private static string Short(string address) => address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..];

    private static int CountNear(SKBitmap bitmap, SKColor color)
    {
        var count = 0;
        foreach (var pixel in bitmap.Pixels)
        {
            if (Math.Abs(pixel.Red - color.Red) + Math.Abs(pixel.Green - color.Green) + Math.Abs(pixel.Blue - color.Blue) < 24)
            {
                count++;
            }
        }

        return count;
    }

    [GeneratedRegex("<tr data-node=\"akka\\.tcp://")]
    private static partial Regex MemberRow();

    [GeneratedRegex("class=\"badge status-Up\">Up<")]
    private static partial Regex UpBadge();

    [GeneratedRegex("class=\"cell ok\">✓<")]
    private static partial Regex OkCell();

    [GeneratedRegex("class=\"cell bad\">✕<")]
    private static partial Regex BadCell();
}

using System.Globalization;
using System.Text.RegularExpressions;
using AkkaConvergence.Cli;
using AkkaConvergence.Management;

namespace AkkaConvergence.Tests.Cli;

public partial class ClusterCommandsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public void Status_leave_and_down_work_against_a_node_process_endpoint()
    {
        var port = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        using var node = CliProcess.Start("node", "--port", port, "--seed", $"127.0.0.1:{port}", "--roles", "web", "--management-port", "0");
        Assert.True(node.WaitForOutput("MemberUp", Wait), node.Output);
        var endpoint = EndpointLine().Match(node.Output).Groups[1].Value;
        var self = $"akka.tcp://convergence@127.0.0.1:{port}";

        var (statusExit, status, statusErrors) = CliProcess.Run("status", "--endpoint", endpoint);
        var (downExit, _, downErrors) = CliProcess.Run("down", "akka.tcp://convergence@127.0.0.1:1", "--endpoint", endpoint);
        var (leaveExit, left, _) = CliProcess.Run("leave", self, "--endpoint", endpoint);

        Assert.Equal(0, statusExit);
        Assert.Empty(statusErrors);
        Assert.Contains($"Seen by {self} (Up); leader {self}; converged; 1 member(s)", status, StringComparison.Ordinal);
        Assert.Matches($@"{Regex.Escape(self)} \(leader\)\s+Up\s+web\s+1\s+yes", status);
        Assert.Equal(1, downExit);
        Assert.Contains("404", downErrors, StringComparison.Ordinal);
        Assert.Contains("is not a member", downErrors, StringComparison.Ordinal);
        Assert.Equal(0, leaveExit);
        Assert.Contains($"Leaving {self}", left, StringComparison.Ordinal);
        Assert.True(node.WaitForExit(Wait), node.Output);
        Assert.Contains("stopped (member status Removed)", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_that_does_not_answer_is_one_error_line_and_exit_code_1()
    {
        var (exitCode, _, errors) = CliProcess.Run("status", "--endpoint", $"http://127.0.0.1:{FreePorts.Next()}");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error:", errors.Trim(), StringComparison.Ordinal);
        Assert.Contains("cannot connect", errors, StringComparison.Ordinal);
        Assert.Single(errors.Trim().Split('\n'));
    }

    [Fact]
    public void An_endpoint_that_is_not_a_url_is_a_usage_error()
    {
        var (exitCode, _, errors) = CliProcess.Run("status", "--endpoint", "not a url");

        Assert.Equal(2, exitCode);
        Assert.Contains("--endpoint must be an http(s) URL", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_marks_the_leader_unreachable_members_and_their_observers()
    {
        var view = new ClusterMembersResponse(
            "akka.tcp://s@h:1", "Up", "akka.tcp://s@h:1", "akka.tcp://s@h:1", Converged: false, UnconvergedSince: null,
            [new("akka.tcp://s@h:1", 1, "Up", ["a", "b"], 1, true), new("akka.tcp://s@h:2", 2, "Up", [], 2, false)],
            [new("akka.tcp://s@h:2", ["akka.tcp://s@h:1"])],
            [], new Dictionary<string, string?>());

        var lines = MembershipTable.Format(view).Split(Environment.NewLine);

        Assert.Equal("Seen by akka.tcp://s@h:1 (Up); leader akka.tcp://s@h:1; not converged; 2 member(s)", lines[0]);
        Assert.Equal("ADDRESS                    STATUS  ROLES  UP#  REACHABLE", lines[1]);
        Assert.Equal("akka.tcp://s@h:1 (leader)  Up      a,b    1    yes", lines[2]);
        Assert.Equal("akka.tcp://s@h:2           Up      -      2    NO", lines[3]);
        Assert.Equal("unreachable: akka.tcp://s@h:2, observed by akka.tcp://s@h:1", lines[4]);
    }

    [GeneratedRegex(@"Management endpoint and live page: (\S+)")]
    private static partial Regex EndpointLine();
}

using System.CommandLine;

namespace AkkaConvergence.Cli;

/// <summary>
/// <c>status</c>, <c>leave</c> and <c>down</c> against a node's management endpoint
/// (<c>akka.convergence.management.enabled = on</c>, or <c>node --management-port</c>).
/// Exit code 0 on success, 1 when the endpoint cannot be reached or refuses.
/// </summary>
internal static class ClusterCommands
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static IEnumerable<Command> Create(TextWriter output, TextWriter errors)
    {
        yield return Status(output, errors);
        yield return Operation("leave", "Ask the cluster to let a member leave gracefully.", output, errors);
        yield return Operation("down", "Mark a member Down (for an unreachable member that will not come back).", output, errors);
    }

    private static Command Status(TextWriter output, TextWriter errors)
    {
        var (endpoint, token) = (EndpointOption(), TokenOption());
        var command = new Command("status", "Print the membership as a node sees it: members, statuses, roles, leader, convergence, unreachable members.") { endpoint, token };
        command.SetAction((parse, cancel) => Call(errors, parse.GetValue(endpoint)!, parse.GetValue(token), async client =>
            await output.WriteLineAsync(MembershipTable.Format(await client.Members(cancel))), cancel));
        return command;
    }

    private static Command Operation(string name, string description, TextWriter output, TextWriter errors)
    {
        var address = new Argument<string>("address") { Description = "The member: akka.tcp://system@host:port (or system@host:port)." };
        var (endpoint, token) = (EndpointOption(), TokenOption());
        var command = new Command(name, description) { address, endpoint, token };
        command.SetAction((parse, cancel) => Call(errors, parse.GetValue(endpoint)!, parse.GetValue(token), async client =>
            await output.WriteLineAsync(await client.Apply(parse.GetValue(address)!, name, cancel)), cancel));
        return command;
    }

    private static Option<Uri> EndpointOption() => new("--endpoint")
    {
        Description = "A node's management endpoint, e.g. http://127.0.0.1:8558.",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"--endpoint must be an http(s) URL, was '{text}'.");
            return null;
        },
    };

    private static Option<string?> TokenOption() => new("--token") { Description = "The bearer token, if the endpoint requires one (akka.convergence.management.bearer-token)." };

    private static async Task<int> Call(TextWriter errors, Uri endpoint, string? token, Func<ManagementClient, Task> request, CancellationToken cancel)
    {
        using var client = new ManagementClient(endpoint, token, Timeout);
        try
        {
            await request(client);
            return 0;
        }
        catch (Exception e) when (e is ManagementException or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancel.IsCancellationRequested)
        {
            await errors.WriteLineAsync($"error: {endpoint}: {Reason(e)}");
            return 1;
        }
    }

    private static string Reason(Exception e) => e switch
    {
        TaskCanceledException => $"no answer within {Timeout.TotalSeconds:0} s",
        HttpRequestException http => $"cannot connect ({http.Message})",
        System.Text.Json.JsonException => "the answer is not a convergence management response",
        _ => e.Message,
    };
}

using System.Text.Json;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaConvergence.Management;

/// <summary>
/// The HTTP endpoints (in the spirit of Akka.Management's cluster HTTP API) and the live page.
/// Routes and JSON shapes are listed in docs/operations.md, "Management".
/// </summary>
public static class ManagementEndpoints
{
    private static readonly string Page = EmbeddedText.Read("AkkaConvergence.Management.index.html");

    /// <summary>The documented shapes (camelCase), whatever JSON options the host app configured.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Maps <c>GET /</c> (the live page) and the <c>/cluster</c> routes into an ASP.NET Core app,
    /// for the ActorSystem given or, by default, the one in DI (Akka.Hosting's <c>AddAkka</c>).
    /// The bearer token and read-only switch of <c>akka.convergence.management</c> apply.
    /// </summary>
    public static RouteGroupBuilder MapConvergenceManagement(this IEndpointRouteBuilder endpoints, ActorSystem? system = null, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        system ??= endpoints.ServiceProvider.GetRequiredService<ActorSystem>();
        return Map(endpoints, ConvergenceManagement.Get(system), ConvergenceCluster.Get(system), prefix);
    }

    /// <summary>Maps the routes for one node's extensions (also used by the extension's own server, while it is being created).</summary>
    internal static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, ConvergenceManagement management, ConvergenceCluster cluster, string prefix)
    {
        var root = endpoints.MapGroup(prefix);

        root.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));

        var api = root.MapGroup("/cluster").AddEndpointFilter(new BearerTokenFilter(management.Settings.BearerToken));
        api.MapGet("/members", () => Results.Json(ClusterViews.Members(cluster), Json));
        api.MapGet("/members/{address}", (string address) => ClusterViews.Find(cluster, address) is { } member
            ? Results.Json(ClusterViews.ToResponse(member, !cluster.State.Unreachable.Contains(member)), Json)
            : NotAMember(address));
        api.MapGet("/leader", () => Results.Json(new { leader = cluster.State.Leader?.ToString() }, Json));
        api.MapGet("/events", () => Results.Json(management.Events.Snapshot(), Json));
        api.MapPut("/members/{address}", async (string address, HttpRequest request) =>
            await ReadOperation(request) switch
            {
                "leave" => Apply(management, cluster, address, "leave"),
                "down" => Apply(management, cluster, address, "down"),
                var other => Results.Json(new OperationResponse($"Unknown operation '{other}': use leave or down."), Json, statusCode: StatusCodes.Status400BadRequest),
            });
        api.MapDelete("/members/{address}", (string address) => Apply(management, cluster, address, "leave"));
        return root;
    }

    private static IResult Apply(ConvergenceManagement management, ConvergenceCluster cluster, string address, string operation)
    {
        if (management.Settings.ReadOnly)
        {
            return Results.Json(new OperationResponse("The management endpoint is read-only (akka.convergence.management.read-only = on)."), Json, statusCode: StatusCodes.Status403Forbidden);
        }

        if (ClusterViews.Find(cluster, address) is not { } member)
        {
            return NotAMember(address);
        }

        if (operation == "leave")
        {
            cluster.Leave(member.Address);
            return Results.Json(new OperationResponse($"Leaving {member.Address}."), Json);
        }

        cluster.Down(member.Address);
        return Results.Json(new OperationResponse($"Downing {member.Address}."), Json);
    }

    private static IResult NotAMember(string address) =>
        Results.Json(new OperationResponse($"{Uri.UnescapeDataString(address)} is not a member in this node's view."), Json, statusCode: StatusCodes.Status404NotFound);

    /// <summary>The operation of a PUT: a form field (as Akka.Management takes it) or a JSON body; null when neither.</summary>
    private static async Task<string?> ReadOperation(HttpRequest request)
    {
        try
        {
            if (request.HasFormContentType)
            {
                return (await request.ReadFormAsync()).TryGetValue("operation", out var value) ? value.ToString().ToLowerInvariant() : null;
            }

            var body = await request.ReadFromJsonAsync<MemberOperationRequest>(Json);
            return body?.Operation?.ToLowerInvariant();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidDataException or IOException)
        {
            return null; // Not JSON, a malformed form or no body: answered as an unknown operation, never a 500.
        }
    }
}

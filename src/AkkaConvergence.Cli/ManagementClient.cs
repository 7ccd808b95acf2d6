using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AkkaConvergence.Management;

namespace AkkaConvergence.Cli;

/// <summary>Talks to a node's management endpoint (<c>akka.convergence.management</c>) for status, leave and down.</summary>
internal sealed class ManagementClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;

    public ManagementClient(Uri endpoint, string? token, TimeSpan timeout)
    {
        _http = new HttpClient { BaseAddress = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/"), Timeout = timeout };
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public async Task<ClusterMembersResponse> Members(CancellationToken token)
    {
        using var response = await _http.GetAsync("cluster/members", token);
        await EnsureSuccess(response, token);
        var view = await response.Content.ReadFromJsonAsync<ClusterMembersResponse>(Json, token);
        return view is { SelfNode: not null, Members: not null, Unreachable: not null }
            ? view
            : throw new ManagementException("the answer is not a convergence management response (no selfNode, members or unreachable)");
    }

    /// <summary>Asks the node to make <paramref name="address"/> leave or be downed; returns the node's answer.</summary>
    public async Task<string> Apply(string address, string operation, CancellationToken token)
    {
        using var response = await _http.PutAsJsonAsync($"cluster/members/{Uri.EscapeDataString(address)}", new MemberOperationRequest(operation), Json, token);
        await EnsureSuccess(response, token);
        return (await response.Content.ReadFromJsonAsync<OperationResponse>(Json, token))?.Message ?? "done";
    }

    public void Dispose() => _http.Dispose();

    private static async Task EnsureSuccess(HttpResponseMessage response, CancellationToken token)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? message = null;
        try
        {
            message = (await response.Content.ReadFromJsonAsync<OperationResponse>(Json, token))?.Message;
        }
        catch (JsonException)
        {
            // Not one of ours (a proxy's error page): the status code says enough.
        }

        throw new ManagementException(response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "the endpoint refused the request: it needs a bearer token (--token), or the token given is wrong",
            _ => $"the endpoint answered {(int)response.StatusCode} {response.StatusCode}{(message is null ? string.Empty : $": {message}")}",
        });
    }
}

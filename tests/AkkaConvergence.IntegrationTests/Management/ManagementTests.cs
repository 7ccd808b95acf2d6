using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Akka.Actor;
using Akka.Configuration;
using AkkaConvergence.Management;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests.Management;

/// <summary>The management endpoints over real HTTP, served by a node of a real cluster.</summary>
public sealed class ManagementTests : IAsyncDisposable
{
    private const string Served = "akka.convergence.management { enabled = on, port = 0 }";

    private readonly TestCluster _cluster = new();
    private readonly HttpClient _http = new() { Timeout = DefaultWait };

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Members_leader_and_events_describe_the_cluster_and_a_put_makes_a_member_leave()
    {
        var (systems, endpoint) = await StartCluster(3, Served);

        var view = await _http.GetFromJsonAsync<ClusterMembersResponse>(new Uri(endpoint, "cluster/members"));
        Assert.NotNull(view);
        Assert.Equal(Cluster(systems[0]).SelfAddress.ToString(), view.SelfNode);
        Assert.Equal("Up", view.SelfStatus);
        Assert.True(view.Converged);
        Assert.Equal(3, view.Members.Count);
        Assert.All(view.Members, m => Assert.Equal(("Up", true), (m.Status, m.Reachable)));
        Assert.Equal(Cluster(systems[0]).State.Leader?.ToString(), view.Leader);
        Assert.Empty(view.Unreachable);

        var third = Cluster(systems[2]).SelfAddress;
        var byFullAddress = await _http.GetFromJsonAsync<MemberResponse>(new Uri(endpoint, $"cluster/members/{Uri.EscapeDataString(third.ToString())}"));
        var byShortAddress = await _http.GetFromJsonAsync<MemberResponse>(new Uri(endpoint, $"cluster/members/{third.System}@{third.Host}:{third.Port}"));
        Assert.Equal(third.ToString(), byFullAddress?.Node);
        Assert.Equivalent(byFullAddress, byShortAddress, strict: true);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(endpoint, "cluster/members/conv@127.0.0.1:1"))).StatusCode);

        await AwaitEvents(endpoint, events => events.Count(e => e.Type == "MemberUp") == 3, "three MemberUp events recorded"); // Recorded asynchronously, by an actor.

        using var leave = await _http.PutAsJsonAsync(new Uri(endpoint, $"cluster/members/{Uri.EscapeDataString(third.ToString())}"), new MemberOperationRequest("leave"));
        Assert.Equal(HttpStatusCode.OK, leave.StatusCode);
        await AwaitCondition(() => Cluster(systems[0]).State.Members.Count == 2 && Cluster(systems[2]).IsTerminated, "the third node left");
        await AwaitEvents(endpoint, events => events.Any(e => e.Type == "MemberRemoved" && e.Node == third.ToString() && e.Detail == "was Exiting"), "the leaver's MemberRemoved (was Exiting) recorded");
    }

    [Fact]
    public async Task Down_by_form_field_and_bad_requests_get_clear_answers()
    {
        var (systems, endpoint) = await StartCluster(2, Served);
        var second = Cluster(systems[1]).SelfAddress;
        var member = new Uri(endpoint, $"cluster/members/{Uri.EscapeDataString(second.ToString())}");

        using var unknown = await _http.PutAsJsonAsync(member, new MemberOperationRequest("explode"));
        using var notJson = await _http.PutAsync(member, new StringContent("{{{", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("use leave or down", (await unknown.Content.ReadFromJsonAsync<OperationResponse>())!.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        using var down = await _http.PutAsync(member, new FormUrlEncodedContent([new("operation", "Down")]));
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        await AwaitCondition(() => Cluster(systems[0]).State.Members.All(m => m.Address != second), "the downed member is removed");
    }

    [Fact]
    public async Task A_bearer_token_guards_every_cluster_route_and_read_only_refuses_changes()
    {
        var (systems, endpoint) = await StartCluster(1, "akka.convergence.management { enabled = on, port = 0, bearer-token = \"s3cret\", read-only = on }");
        var members = new Uri(endpoint, "cluster/members");
        var self = new Uri(endpoint, $"cluster/members/{Uri.EscapeDataString(Cluster(systems[0]).SelfAddress.ToString())}");

        using var anonymousEvents = await _http.GetAsync(new Uri(endpoint, "cluster/events"));
        using var anonymousLeader = await _http.GetAsync(new Uri(endpoint, "cluster/leader"));
        using var anonymousDown = await _http.PutAsJsonAsync(self, new MemberOperationRequest("down"));
        using var anonymous = await _http.GetAsync(members);
        using var wrong = await Send(HttpMethod.Get, members, "guess");
        using var right = await Send(HttpMethod.Get, members, "s3cret");
        using var leave = await Send(HttpMethod.Delete, self, "s3cret");
        using var page = await _http.GetAsync(endpoint);

        Assert.All([anonymousEvents, anonymousLeader, anonymousDown, anonymous], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, leave.StatusCode);
        Assert.Equal(MemberStatus.Up, Cluster(systems[0]).SelfMember.Status);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // The page holds no data: it asks for the token itself.
    }

    [Fact]
    public async Task A_request_for_another_host_name_is_refused_as_dns_rebinding_would_send_it()
    {
        var (systems, endpoint) = await StartCluster(1, Served);
        var self = new Uri(endpoint, $"cluster/members/{Uri.EscapeDataString(Cluster(systems[0]).SelfAddress.ToString())}");

        using var rebound = new HttpRequestMessage(HttpMethod.Delete, self);
        rebound.Headers.Host = $"attacker.example:{endpoint.Port}";
        using var refused = await _http.SendAsync(rebound);
        using var local = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "cluster/members"));
        local.Headers.Host = $"localhost:{endpoint.Port}";
        using var accepted = await _http.SendAsync(local);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(MemberStatus.Up, Cluster(systems[0]).SelfMember.Status);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public void Off_by_default_and_an_invalid_port_names_its_key()
    {
        var off = _cluster.Start();
        Assert.False(ConvergenceManagement.Get(off).Settings.Enabled);
        Assert.Equal("127.0.0.1", ConvergenceManagement.Get(off).Settings.Hostname);
        Assert.True(ConvergenceManagement.Get(off).Bound.IsFaulted);

        var invalid = _cluster.Start("akka.convergence.management.port = 70000");
        var error = Assert.Throws<ConfigurationException>(() => ConvergenceManagement.Get(invalid));
        Assert.Contains("akka.convergence.management.port", error.Message, StringComparison.Ordinal);
    }

    internal async Task<(IReadOnlyList<ActorSystem> Systems, Uri Endpoint)> StartCluster(int count, string firstNodeConfig)
    {
        var systems = new List<ActorSystem> { _cluster.Start(firstNodeConfig) };
        systems.AddRange(Enumerable.Range(1, count - 1).Select(_ => _cluster.Start()));
        var endpoint = await ConvergenceManagement.Get(systems[0]).Bound.WaitAsync(DefaultWait);
        var seed = Cluster(systems[0]).SelfAddress;
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);
        await AwaitCondition(() => systems.All(s => Cluster(s).State.IsConverged), "converged");
        return (systems, endpoint);
    }

    private async Task AwaitEvents(Uri endpoint, Func<List<ClusterEventResponse>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + DefaultWait;
        while (!condition(await _http.GetFromJsonAsync<List<ClusterEventResponse>>(new Uri(endpoint, "cluster/events")) ?? []))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, Uri uri, string token)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }
}

using System.Net;
using Microsoft.AspNetCore.Http;

namespace AkkaConvergence.Management;

/// <summary>
/// The management server answers only requests addressed to it by a name it listens as: loopback
/// names, or the configured hostname. A browser page that rebinds its own DNS name to 127.0.0.1
/// (DNS rebinding) sends its own name as Host and is refused, so it cannot make members leave or
/// be downed through a token-less endpoint. Listening on every interface (0.0.0.0, ::) accepts any
/// name: then a bearer token is the protection.
/// </summary>
internal sealed class HostFilter
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]", "::1"];

    private readonly HashSet<string>? _allowed;

    public HostFilter(string hostname)
    {
        var listensEverywhere = IPAddress.TryParse(hostname, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));
        _allowed = listensEverywhere ? null : new HashSet<string>([.. LoopbackNames, hostname], StringComparer.OrdinalIgnoreCase);
    }

    public bool Accepts(HttpRequest request) => _allowed is null || _allowed.Contains(request.Host.Host);
}

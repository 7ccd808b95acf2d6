using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AkkaConvergence.Management;

/// <summary>
/// Lets a /cluster request through only with <c>Authorization: Bearer &lt;token&gt;</c> when a token
/// is set. It compares SHA-256 digests in constant time, so the answer's timing tells nothing about
/// the token, not even its length.
/// </summary>
internal sealed class BearerTokenFilter : IEndpointFilter
{
    private readonly byte[]? _token;

    public BearerTokenFilter(string token)
    {
        _token = token.Length == 0 ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_token is null || IsAuthorized(context.HttpContext.Request))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return ValueTask.FromResult<object?>(Results.Json(new OperationResponse("A bearer token is required (Authorization: Bearer <token>)."), statusCode: StatusCodes.Status401Unauthorized));
    }

    private bool IsAuthorized(HttpRequest request)
    {
        const string Scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _token);
    }
}

using Vigil.Server.Auth;

namespace Vigil.Server.Oversight;

/// <summary>Hands every refused request (401, 403, 429) to <see cref="DeniedRequestLog"/>, named by its route, not its raw path.</summary>
internal sealed class DeniedRequestsMiddleware(RequestDelegate next, DeniedRequestLog log)
{
    private const int MaxPathLength = 100;

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context).ConfigureAwait(false);
        int status = context.Response.StatusCode;
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests)
        {
            string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText
                ?? (context.Request.Path.Value is { Length: > MaxPathLength } longPath ? longPath[..MaxPathLength] : context.Request.Path.Value ?? "/");
            log.Record(Principals.ActorOf(context.User), $"endpoint/{context.Request.Method} {route}", status, context.Connection.RemoteIpAddress?.ToString());
        }
    }
}

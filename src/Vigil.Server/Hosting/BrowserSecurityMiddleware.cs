using System.Text;
using Microsoft.Extensions.Options;

namespace Vigil.Server.Hosting;

/// <summary>
/// What keeps a browser from being used against Vigil: headers that stop sniffing, framing, leaking
/// referrers and running any script or style but the server's own (a strict Content-Security-Policy
/// for the console as served: Blazor and Leaflet from this origin, map tiles from the configured
/// source only); and for every state-changing request, a refusal of cross-site senders
/// (<c>Sec-Fetch-Site</c>, <c>Origin</c>) and of bodies that are not JSON. SameSite cookies alone are
/// one line of defence; this is the second.
/// </summary>
internal sealed class BrowserSecurityMiddleware(RequestDelegate next, IOptions<ServerOptions> options, IProblemDetailsService problems)
{
    private readonly string _policy = ContentSecurityPolicy(options.Value.MapTiles);

    public async Task InvokeAsync(HttpContext context)
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = _policy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";

        HttpRequest request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method))
        {
            if (CrossSite(request) is { } why)
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, $"Refused: {why}. State-changing requests come from Vigil's own pages or from integrations, never from another site.").ConfigureAwait(false);
                return;
            }

            if (HasBody(request) && !IsSignalR(request.Path) && !IsJson(request.ContentType))
            {
                await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "Send the body as application/json (Content-Type: application/json).").ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>Why the request comes from another site, or null when it comes from this origin or from no browser at all.</summary>
    private static string? CrossSite(HttpRequest request)
    {
        string? fetchSite = request.Headers["Sec-Fetch-Site"];
        if (fetchSite is "cross-site" or "same-site")
        {
            return $"the browser says the request comes from another site (Sec-Fetch-Site: {fetchSite})";
        }

        string? origin = request.Headers.Origin;
        if (origin is null)
        {
            return null;
        }

        string own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ? null : "the request's Origin is not this server";
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Split(';')[0].EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    /// <summary>SignalR's own transports (the console's circuit and the live push) frame their bodies themselves.</summary>
    private static bool IsSignalR(PathString path) =>
        path.StartsWithSegments("/_blazor", StringComparison.Ordinal) || path.StartsWithSegments("/hubs", StringComparison.Ordinal);

    private Task RefuseAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Detail = detail } }).AsTask();
    }

    /// <summary>
    /// Scripts only from this origin (no inline script, no eval: Blazor Server and Leaflet need
    /// neither); styles from this origin plus inline style attributes, which Blazor and Leaflet set
    /// on elements; pictures from this origin (MJPEG, snapshots), data URLs (Leaflet's icons) and the
    /// tile source when one is configured; connections to this origin only (SignalR).
    /// </summary>
    internal static string ContentSecurityPolicy(string? mapTiles)
    {
        var images = new StringBuilder("'self' data: blob:");
        if (!string.IsNullOrWhiteSpace(mapTiles))
        {
            // The template's scheme and host ('{s}' subdomains become a wildcard); MapTiles is validated as http(s) at start-up.
            int hostStart = mapTiles.IndexOf("://", StringComparison.Ordinal) + 3;
            int pathStart = mapTiles.IndexOf('/', hostStart);
            string origin = pathStart < 0 ? mapTiles : mapTiles[..pathStart];
            images.Append(' ').Append(origin.Replace("{s}", "*", StringComparison.Ordinal));
        }

        return $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src {images}; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }
}

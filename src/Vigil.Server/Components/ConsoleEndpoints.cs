using System.Collections.Concurrent;
using Vigil.Assets.Cache;

namespace Vigil.Server.Components;

/// <summary>
/// Third-party files the console uses, served from the verified asset cache (never from a CDN):
/// <c>/lib/leaflet/leaflet.js</c> and <c>/lib/leaflet/leaflet.css</c>.
/// </summary>
internal static class ConsoleEndpoints
{
    private static readonly Dictionary<string, (string AssetId, string ContentType)> s_files = new(StringComparer.Ordinal)
    {
        ["leaflet.js"] = ("leaflet-js", "text/javascript"),
        ["leaflet.css"] = ("leaflet-css", "text/css"),
    };

    private static readonly ConcurrentDictionary<string, byte[]> s_verified = new(StringComparer.Ordinal);

    public static void MapConsoleEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/lib/leaflet/{file}", async (string file, AssetLocator assets, HttpContext http, CancellationToken ct) =>
            {
                if (!s_files.TryGetValue(file, out (string AssetId, string ContentType) entry))
                {
                    return Results.Problem(detail: $"No file '/lib/leaflet/{file}'.", statusCode: StatusCodes.Status404NotFound);
                }

                if (!s_verified.TryGetValue(file, out byte[]? bytes))
                {
                    try
                    {
                        // Checked against the manifest's SHA-256 once, then kept in memory.
                        string path = await assets.GetVerifiedPathAsync(entry.AssetId, ct).ConfigureAwait(false);
                        bytes = s_verified.GetOrAdd(file, await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false));
                    }
                    catch (AssetNotAvailableException ex)
                    {
                        return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
                    }
                }

                http.Response.Headers.CacheControl = "public, max-age=86400";
                return Results.Bytes(bytes, entry.ContentType);
            })
            .AllowAnonymous().ExcludeFromDescription();
}

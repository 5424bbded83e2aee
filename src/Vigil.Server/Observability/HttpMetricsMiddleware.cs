using System.Diagnostics;
using System.Globalization;

namespace Vigil.Server.Observability;

/// <summary>Counts requests by method, route template and status, and times those that are not streams.</summary>
internal sealed class HttpMetricsMiddleware(RequestDelegate next, ServerMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.HttpRequests.Increment(context.Request.Method, route, context.Response.StatusCode.ToString(CultureInfo.InvariantCulture));
            if (context.Response.ContentType?.StartsWith("multipart/", StringComparison.Ordinal) != true)
            {
                metrics.HttpSeconds.Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
        }
    }
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Vigil.Server.Hosting;

/// <summary>
/// Refuses bodies over the limit before reading them (413 with problem details) and caps bodies of
/// unknown length at the server.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<ServerOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        long limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 413, Detail = $"The request body has {context.Request.ContentLength} bytes; at most {limit} are accepted." },
            }).ConfigureAwait(false);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        await next(context).ConfigureAwait(false);
    }
}

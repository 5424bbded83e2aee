using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Vigil.Server.Hosting;

/// <summary>
/// Refuses bodies over the limit before reading them (413 with problem details) and caps bodies of
/// unknown length at the server. The limit is the server's, or the endpoint's own
/// (<see cref="RequestBodyLimit"/>); it runs after routing so that it knows the endpoint, before
/// authentication so that nothing is read first.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<ServerOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        long limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? options.Value.MaxRequestBodyBytes;
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

using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Vigil.Server.Api;

/// <summary>
/// Turns request-binding failures (malformed JSON, wrong types, oversized bodies) into problem
/// details that say what was wrong, with the status the framework chose (400, 413, 415) rather than 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        string detail = bad.InnerException is JsonException json
            ? $"{bad.Message} {json.Message}"
            : bad.Message;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Detail = detail },
        }).ConfigureAwait(false);
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Vigil.Server.Api;

/// <summary>
/// Turns request-binding failures (malformed JSON, wrong types, text that cannot travel, oversized
/// bodies) into problem details in Vigil's own words, with the status the framework chose (400, 413,
/// 415) rather than 500. The framework's text is never passed on: it names internal types and
/// parameters, which tell a caller nothing they can fix and an attacker more than they need.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var errors = new Dictionary<string, object?>(StringComparer.Ordinal);
        string detail;
        switch (bad.InnerException)
        {
            case UnsafeTextException text:
                string field = FieldOf(text.Path);
                detail = $"{field}: {text.Problem}.";
                errors["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [text.Problem] };
                break;
            case JsonException json:
                detail = json.Path is { Length: > 1 } path
                    ? $"The body is not valid for this request at '{FieldOf(path)}' (line {json.LineNumber + 1}): check that value's type and format against /openapi/v1.json."
                    : $"The body is not valid JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1}).";
                break;
            default:
                detail = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                    StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
                    _ => "The request could not be read: send the JSON body, route values and query that /openapi/v1.json describes.",
                };
                break;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = bad.StatusCode, Detail = detail },
        };
        foreach ((string key, object? value) in errors)
        {
            context.ProblemDetails.Extensions[key] = value;
        }

        return await problems.TryWriteAsync(context).ConfigureAwait(false);
    }

    /// <summary>'$.area.description' → 'area.description'.</summary>
    private static string FieldOf(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}

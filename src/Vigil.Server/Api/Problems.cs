namespace Vigil.Server.Api;

/// <summary>RFC 7807 answers with a <c>detail</c> that says what to fix.</summary>
internal static class Problems
{
    public static IResult NotFound(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static IResult Unavailable(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>400 with the field and what is wrong with it (<c>errors</c> as in ASP.NET Core's validation problems).</summary>
    public static IResult Invalid(string field, string problem) => Results.ValidationProblem(
        new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [problem] },
        detail: $"{field}: {problem}");

    /// <summary>Why free text is not acceptable (too long, or control characters), or null.</summary>
    public static string? CheckText(string? text, int maxLength) => text switch
    {
        null => null,
        { Length: var n } when n > maxLength => $"at most {maxLength} characters (got {n})",
        _ when text.Any(c => char.IsControl(c) && c is not '\n' and not '\t' and not '\r') => "control characters are not allowed",
        _ => null,
    };
}

namespace Vigil.Server.Api;

/// <summary>
/// What an operation came to: a value, or a refusal with its HTTP status and the rule it broke
/// (for a 400, the field or fields and what is wrong with each).
/// </summary>
internal sealed record Outcome<T>(T? Value, int Status, string? Field, string? Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
    where T : class
{
    public static Outcome<T> Done(T value, int status = StatusCodes.Status200OK) => new(value, status, null, null);

    public static Outcome<T> NotFound(string detail) => new(null, StatusCodes.Status404NotFound, null, detail);

    /// <summary>403: the caller's roles allow the endpoint, but a rule (separation of duties) refuses this use of it.</summary>
    public static Outcome<T> Forbidden(string detail) => new(null, StatusCodes.Status403Forbidden, null, detail);

    public static Outcome<T> Conflict(string detail) => new(null, StatusCodes.Status409Conflict, null, detail);

    public static Outcome<T> Invalid(string field, string detail) => new(null, StatusCodes.Status400BadRequest, field, detail);

    /// <summary>400 listing every place that is wrong (<c>errors</c>: place → problems), with a summary.</summary>
    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors, string detail) => new(null, StatusCodes.Status400BadRequest, null, detail, errors);

    /// <summary>Any other refusal: its status (e.g. 413) and what to do about it.</summary>
    public static Outcome<T> Refused(int status, string detail) => new(null, status, null, detail);

    /// <summary>The same outcome with its value turned into what the caller is answered with (a DTO).</summary>
    public Outcome<TOut> Map<TOut>(Func<T, TOut> map)
        where TOut : class => new(Value is null ? null : map(Value), Status, Field, Detail, Errors);

    public IResult ToResult(string? location = null) => Value is not null
        ? Status == StatusCodes.Status201Created ? Results.Created(location, Value) : Results.Ok(Value)
        : Errors is not null ? Results.ValidationProblem(Errors, detail: Detail)
        : Field is not null ? Api.Problems.Invalid(Field, Detail!) : Results.Problem(detail: Detail, statusCode: Status);
}

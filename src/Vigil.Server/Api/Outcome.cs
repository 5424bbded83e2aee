namespace Vigil.Server.Api;

/// <summary>What an operation came to: a value, or a refusal with its HTTP status and the rule it broke.</summary>
internal sealed record Outcome<T>(T? Value, int Status, string? Field, string? Detail)
    where T : class
{
    public static Outcome<T> Done(T value, int status = StatusCodes.Status200OK) => new(value, status, null, null);

    public static Outcome<T> NotFound(string detail) => new(null, StatusCodes.Status404NotFound, null, detail);

    /// <summary>403: the caller's roles allow the endpoint, but a rule (separation of duties) refuses this use of it.</summary>
    public static Outcome<T> Forbidden(string detail) => new(null, StatusCodes.Status403Forbidden, null, detail);

    public static Outcome<T> Conflict(string detail) => new(null, StatusCodes.Status409Conflict, null, detail);

    public static Outcome<T> Invalid(string field, string detail) => new(null, StatusCodes.Status400BadRequest, field, detail);

    public IResult ToResult(string? location = null) => Value is not null
        ? Status == StatusCodes.Status201Created ? Results.Created(location, Value) : Results.Ok(Value)
        : Field is not null ? Api.Problems.Invalid(Field, Detail!) : Results.Problem(detail: Detail, statusCode: Status);
}

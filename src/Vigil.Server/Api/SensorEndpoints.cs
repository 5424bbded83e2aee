using System.Security.Claims;
using System.Text.Json;
using Vigil.Domain.Sensors;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;
using Vigil.Server.Sensors;

namespace Vigil.Server.Api;

/// <summary>
/// Sensors (ADR 018): a sensor account posts its readings (one JSON shape for HTTP and MQTT); operators
/// see every sensor's stage and its readings over time, downsampled for long ranges.
/// </summary>
internal static class SensorEndpoints
{
    public static void MapSensorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sensors", (SensorQueries queries) => TypedResults.Ok(queries.List()))
            .WithTags("Sensors").WithName("ListSensors")
            .WithSummary("Every configured sensor with its stages and where its readings stand (stage in force, silent, last reading).")
            .RequireAuthorization(Policies.ViewOperations);
        app.MapPost("/api/sensors/{id}/readings", PostAsync)
            .WithTags("Sensors").WithName("PostSensorReadings")
            .WithSummary("Readings of this sensor (a sensor account named like the sensor): { phenomenonTime, result, unit? }, an array of them, or { readings: [...] }; at most 1000. Bad readings are refused one by one, counted in /metrics, never stored.")
            .Produces<ReadingsAcceptedDto>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.PostReadings);
        app.MapGet("/api/sensors/{id}/readings", ReadingsAsync)
            .WithTags("Sensors").WithName("GetSensorReadings")
            .WithSummary("A sensor's readings for a range (from, to; at most 31 days), at most 'points' of them (default 1000): longer ranges come as bucket means with min and max.")
            .Produces<SensorReadingsDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.ViewOperations);
    }

    private static async Task<IResult> PostAsync(string id, HttpRequest request, ClaimsPrincipal user, SensorRegistry sensors, SensorIngest ingest, CancellationToken ct)
    {
        if ((Ids.IsSlug(id) ? sensors.Find(id) : null) is not { } sensor)
        {
            ingest.Refused(Ids.IsSlug(id) ? id : "invalid", ReadingCheck.UnknownSensor);
            return Problems.NotFound(Ids.IsSlug(id) ? $"No sensor '{id}' in the configuration." : "No sensor with that id (sensor ids are letters, digits, '-' and '_').");
        }

        if (!string.Equals(Principals.ActorOf(user), sensor.Sensor.Id, StringComparison.Ordinal))
        {
            return Results.Problem(detail: $"This account posts readings for sensor '{Principals.ActorOf(user)}' only; each sensor has its own account, named like the sensor.", statusCode: StatusCodes.Status403Forbidden);
        }

        JsonElement payload;
        try
        {
            using JsonDocument document = await JsonDocument.ParseAsync(request.Body, default, ct).ConfigureAwait(false);
            payload = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            ingest.Refused(sensor.Sensor.Id, ReadingCheck.Malformed);
            return Problems.Invalid("body", "not JSON: send { \"phenomenonTime\": \"2026-12-01T06:00:00Z\", \"result\": 2.31 } or an array of them");
        }

        if (SensorPayload.Parse(payload) is not { } readings)
        {
            ingest.Refused(sensor.Sensor.Id, ReadingCheck.Malformed);
            return Problems.Invalid("body", "a reading is an object { phenomenonTime, result, unit? }; a batch is an array of them or { readings: [...] }");
        }

        if (readings.Count > SensorPayload.MaxBatch)
        {
            ingest.Refused(sensor.Sensor.Id, ReadingCheck.TooLarge);
            return Problems.Invalid("body", $"at most {SensorPayload.MaxBatch} readings per request ({readings.Count} sent); split the batch");
        }

        List<RefusedReading> refused = ingest.Accept(sensor, readings);
        if (refused.Count == readings.Count && readings.Count > 0)
        {
            return Problems.Invalid("readings", refused.Count == 1 ? refused[0].Detail : $"none of the {refused.Count} readings was taken; the first: {refused[0].Detail}");
        }

        return TypedResults.Accepted((string?)null, new ReadingsAcceptedDto(readings.Count - refused.Count, refused));
    }

    private static async Task<IResult> ReadingsAsync(string id, DateTimeOffset? from, DateTimeOffset? to, int? points, SensorRegistry sensors, SensorQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if ((Ids.IsSlug(id) ? sensors.Find(id) : null) is not { } sensor)
        {
            return Problems.NotFound(Ids.IsSlug(id) ? $"No sensor '{id}'." : "No sensor with that id.");
        }

        DateTimeOffset end = to ?? clock.GetUtcNow();
        DateTimeOffset start = from ?? end.AddDays(-1);
        int max = points ?? SensorQueries.DefaultPoints;
        IResult? problem = start >= end ? Problems.Invalid("to", "must be after 'from'")
            : end - start > SensorQueries.MaxRange ? Problems.Invalid("to", $"a range is at most {SensorQueries.MaxRange.TotalDays:0} days")
            : max is < 2 or > 10_000 ? Problems.Invalid("points", "from 2 to 10000")
            : null;
        return problem ?? TypedResults.Ok(await queries.ReadingsAsync(sensor, start, end, max, ct).ConfigureAwait(false));
    }
}

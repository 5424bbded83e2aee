namespace Vigil.Server.Api.Contracts;

/// <summary>
/// A public warning as a supervisor composes it (CAP 1.2 terms). An Update repeats every field.
/// Category defaults from the incident type, the area to a circle around the incident, expiry to 6 hours.
/// </summary>
public sealed record WarningRequest(
    string? Event,
    string? Urgency,
    string? Severity,
    string? Certainty,
    string? Headline,
    string? Description,
    string? Instruction,
    string? AreaDescription,
    double? RadiusKm,
    double? ExpiresInHours,
    string? Category,
    string? ResponseType);

namespace Vigil.Server.Api.Contracts;

/// <summary>A camera: what it is for, where, and how it is doing right now.</summary>
public sealed record CameraDto(
    string Id,
    string Name,
    string Purpose,
    string LegalBasis,
    double RetentionHours,
    double? Latitude,
    double? Longitude,
    string Redaction,
    IReadOnlyList<string> Zones,
    IReadOnlyList<string> Rules,
    CameraStateDto Status,
    string LiveUrl);

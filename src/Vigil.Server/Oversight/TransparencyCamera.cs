namespace Vigil.Server.Oversight;

/// <summary>A camera in the public registry: purpose, legal basis, retention, redaction, place and the analytics it runs.</summary>
public sealed record TransparencyCamera(
    string Id,
    string Name,
    string Purpose,
    string LegalBasis,
    double RetentionHours,
    string Redaction,
    double? Latitude,
    double? Longitude,
    IReadOnlyList<string> Analytics);

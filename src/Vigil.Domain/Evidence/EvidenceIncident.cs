namespace Vigil.Domain.Evidence;

/// <summary>The incident an evidence package belongs to, as its manifest states it (no caller data).</summary>
public sealed record EvidenceIncident(
    string Id,
    string Type,
    int Priority,
    string Status,
    string Location,
    double Latitude,
    double Longitude,
    string Summary,
    DateTimeOffset ReceivedAt);

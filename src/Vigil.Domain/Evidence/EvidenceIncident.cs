namespace Vigil.Domain.Evidence;

/// <summary>The incident an evidence package belongs to, as its manifest states it (no caller data; no position when it was handed over with an address only).</summary>
public sealed record EvidenceIncident(
    string Id,
    string Type,
    int Priority,
    string Status,
    string Location,
    double? Latitude,
    double? Longitude,
    string Summary,
    DateTimeOffset ReceivedAt);

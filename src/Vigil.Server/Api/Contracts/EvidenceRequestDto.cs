namespace Vigil.Server.Api.Contracts;

/// <summary>
/// An evidence export request and its decision (no pixels): who asked and why, who decided, and once
/// approved the signed package's SHA-256, size and download link (for its requester, until <c>ExpiresAt</c>).
/// </summary>
public sealed record EvidenceRequestDto(
    string Id,
    string IncidentId,
    string IncidentType,
    string IncidentSummary,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string Reason,
    string State,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionNote,
    string? PackageSha256,
    long? PackageBytes,
    int? PackageFiles,
    DateTimeOffset? ExpiresAt,
    string? DownloadUrl);

namespace Vigil.Server.Api.Contracts;

/// <summary>
/// An unmask request and its decision (no pixels): who asked, for which camera and range, why; who
/// decided; and once approved, until when its requester may watch (<c>ViewUrl</c>, for them only).
/// </summary>
public sealed record UnmaskRequestDto(
    string Id,
    string IncidentId,
    string CameraId,
    DateTimeOffset From,
    DateTimeOffset To,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string Reason,
    string State,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionNote,
    DateTimeOffset? ViewUntil,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    bool Viewable,
    string? ViewUrl);

using Vigil.Domain.Evidence;

namespace Vigil.Data.Entities;

/// <summary>
/// A request to see a camera's originals for a short range of an incident, an auditor's decision on
/// it (dual control, issue 22), and the view it granted: only the requester watches, until
/// <see cref="ViewUntil"/> unless revoked first. The row is never deleted: it is the record of who
/// saw unredacted footage, why, and on whose approval.
/// </summary>
public sealed class UnmaskRequestRecord
{
    public required string Id { get; set; }

    public required string IncidentId { get; set; }

    public required string CameraId { get; set; }

    public DateTimeOffset From { get; set; }

    public DateTimeOffset To { get; set; }

    public required string RequestedById { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public required string Reason { get; set; }

    public ApprovalState State { get; set; }

    public string? DecidedById { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecisionNote { get; set; }

    /// <summary>Until when the requester may watch (set on approval).</summary>
    public DateTimeOffset? ViewUntil { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    /// <summary>Seconds of original footage served to the requester, for the transparency page.</summary>
    public long SecondsViewed { get; set; }

    public int Version { get; set; }
}

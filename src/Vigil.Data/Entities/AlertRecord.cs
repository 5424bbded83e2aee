using Vigil.Domain.Alerts;
using Vigil.Domain.Rules;

namespace Vigil.Data.Entities;

/// <summary>
/// An alert as stored. The pipeline owns the episode fields (value, severity, end); operators own
/// the state and its note. Each side updates only its own fields, so neither overwrites the other.
/// </summary>
public sealed class AlertRecord
{
    /// <summary>Time-ordered (UUID v7, 32 hex digits): newest first is descending id.</summary>
    public required string Id { get; set; }

    /// <summary>The camera whose rule fired; empty for a sensor's alert.</summary>
    public required string CameraId { get; set; }

    /// <summary>The sensor whose readings raised it (kinds <c>sensor_*</c>); null for a camera's alert.</summary>
    public string? SensorId { get; set; }

    public required string RuleId { get; set; }

    public RuleKind Kind { get; set; }

    public string? ZoneId { get; set; }

    public string? LineId { get; set; }

    public int? TrackId { get; set; }

    public CrossingDirection? Crossing { get; set; }

    public Severity Severity { get; set; }

    public AlertState State { get; set; }

    public double? Value { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the frame that raised it was decoded (for end-to-end latency).</summary>
    public DateTimeOffset? FrameDecodedAt { get; set; }

    /// <summary>Start of the alert's clip (its opening less the camera's pre-roll); null when the camera records nothing.</summary>
    public DateTimeOffset? ClipFrom { get; set; }

    /// <summary>End of the alert's clip (its end plus the post-roll); null while its episode lasts.</summary>
    public DateTimeOffset? ClipTo { get; set; }

    /// <summary>The redacted snapshot's media name, once written.</summary>
    public string? Snapshot { get; set; }

    /// <summary>Who last changed the state, and when.</summary>
    public string? HandledBy { get; set; }

    public DateTimeOffset? HandledAt { get; set; }

    /// <summary>The operator's note with the last state change.</summary>
    public string? Note { get; set; }

    /// <summary>Optimistic concurrency: two operators acting at once cannot both win silently.</summary>
    public int Version { get; set; }

    /// <summary>A new record from an alert the pipeline just opened.</summary>
    public static AlertRecord From(Alert alert, DateTimeOffset? decodedAt)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertRecord
        {
            Id = alert.Id,
            CameraId = alert.CameraId,
            RuleId = alert.RuleId,
            Kind = alert.Kind,
            ZoneId = alert.ZoneId,
            LineId = alert.LineId,
            TrackId = alert.TrackId,
            Crossing = alert.Crossing,
            Severity = alert.Severity,
            State = alert.State,
            Value = alert.Value,
            OpenedAt = alert.OpenedAt,
            UpdatedAt = alert.UpdatedAt,
            EndedAt = alert.EndedAt,
            FrameDecodedAt = decodedAt,
            Snapshot = alert.Snapshot,
        };
    }

    /// <summary>Applies the pipeline's view of an episode (never the operator's state).</summary>
    public void ApplyEpisode(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        Severity = alert.Severity;
        Value = alert.Value;
        EndedAt = alert.EndedAt;
        Snapshot ??= alert.Snapshot;
        if (alert.UpdatedAt > UpdatedAt)
        {
            UpdatedAt = alert.UpdatedAt;
        }
    }
}

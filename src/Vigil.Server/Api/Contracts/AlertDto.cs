using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Rules;

namespace Vigil.Server.Api.Contracts;

/// <summary>An alert as the API and the live push show it; <c>ClipFrom</c>/<c>ClipTo</c> bound its recorded clip (null when its camera records nothing; <c>ClipTo</c> null while its episode lasts); a sensor's alert has <c>SensorId</c> and an empty <c>CameraId</c>.</summary>
public sealed record AlertDto(
    string Id,
    string CameraId,
    string RuleId,
    RuleKind Kind,
    string? ZoneId,
    string? LineId,
    int? TrackId,
    CrossingDirection? Crossing,
    Severity Severity,
    AlertState State,
    double? Value,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? FrameDecodedAt,
    string? SnapshotUrl,
    string? HandledBy,
    DateTimeOffset? HandledAt,
    string? Note,
    int Version,
    DateTimeOffset? ClipFrom = null,
    DateTimeOffset? ClipTo = null,
    string? SensorId = null)
{
    public static AlertDto From(AlertRecord a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new AlertDto(
            a.Id, a.CameraId, a.RuleId, a.Kind, a.ZoneId, a.LineId, a.TrackId, a.Crossing, a.Severity, a.State, a.Value,
            a.OpenedAt, a.UpdatedAt, a.EndedAt, a.FrameDecodedAt,
            a.Snapshot is null ? null : $"/api/alerts/{a.Id}/snapshot.jpg",
            a.HandledBy, a.HandledAt, a.Note, a.Version, a.ClipFrom, a.ClipTo, a.SensorId);
    }
}

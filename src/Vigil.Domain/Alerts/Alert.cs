using Vigil.Domain.Rules;

namespace Vigil.Domain.Alerts;

/// <summary>
/// Something an operator should look at: which camera and rule, where, which anonymous track,
/// how severe, and where it is in its lifecycle. Zone episodes (occupancy, density) stay open and
/// update while they last.
/// </summary>
public sealed record Alert
{
    public required string Id { get; init; }

    public required string CameraId { get; init; }

    public required string RuleId { get; init; }

    public required RuleKind Kind { get; init; }

    public string? ZoneId { get; init; }

    public string? LineId { get; init; }

    public int? TrackId { get; init; }

    public CrossingDirection? Crossing { get; init; }

    public required Severity Severity { get; init; }

    public AlertState State { get; init; } = AlertState.New;

    /// <summary>Count, density or seconds, by kind.</summary>
    public double? Value { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When an episode ended (the situation is over, whatever the operator did).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The redacted snapshot taken when it fired (a media reference), once attached.</summary>
    public string? Snapshot { get; init; }

    /// <summary>Frame time of the source when it fired.</summary>
    public TimeSpan FrameTime { get; init; }
}

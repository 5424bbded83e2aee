using Vigil.Domain.Cameras;

namespace Vigil.Domain.Dispatch;

/// <summary>
/// An incident as the centre knows it: what, how urgent, where (when known), each step of the
/// response, the alerts and units on it, its timeline and, when another agency handed it over,
/// where it came from. The only personal datum, the caller's callback number, never leaves the
/// database: this type only knows whether there is one.
/// </summary>
public sealed record Incident
{
    public required string Id { get; init; }

    public required IncidentType Type { get; init; }

    /// <summary>1 (most urgent) to 4.</summary>
    public required int Priority { get; init; }

    public required IncidentStatus Status { get; init; }

    /// <summary>Where it is, or null when a neighbouring agency sent only an address.</summary>
    public required GeoLocation? Position { get; init; }

    public required string Location { get; init; }

    public required string Summary { get; init; }

    public required bool HasCallerCallback { get; init; }

    public required string CreatedBy { get; init; }

    /// <summary>When the call came in or the alert was escalated: the start of every response interval.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? DispatchedAt { get; init; }

    public DateTimeOffset? EnRouteAt { get; init; }

    public DateTimeOffset? OnSceneAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The type of the first unit dispatched (which turnout target applies).</summary>
    public UnitType? FirstUnitType { get; init; }

    public IncidentSource? Source { get; init; }

    public IReadOnlyList<string> AlertIds { get; init; } = [];

    public IReadOnlyList<string> UnitIds { get; init; } = [];

    public IReadOnlyList<IncidentEvent> Timeline { get; init; } = [];

    public required int Version { get; init; }

    /// <summary>Still being handled: units may be sent to it.</summary>
    public bool TakesUnits => Status is IncidentStatus.New or IncidentStatus.Dispatched or IncidentStatus.OnScene;

    /// <summary>Neither closed nor cancelled.</summary>
    public bool IsOpen => Status is not (IncidentStatus.Closed or IncidentStatus.Cancelled);

    /// <summary>When anything about it last changed: its newest timeline line, or when it was received.</summary>
    public DateTimeOffset LastChangedAt => Timeline.Count == 0 ? ReceivedAt : Timeline.Max(e => e.At) is var last && last > ReceivedAt ? last : ReceivedAt;

    /// <summary>The response intervals so far.</summary>
    public ResponseTimes Times => ResponseTimes.From(ReceivedAt, DispatchedAt, EnRouteAt, OnSceneAt);

    /// <summary>The targets its response missed, in words (none until a unit was sent).</summary>
    public IReadOnlyList<string> MissedTargets(ResponseTargets targets) => FirstUnitType is { } first ? Times.Missed(targets, first) : [];

    /// <summary>Why it may not become <paramref name="to"/> now, naming the rule, or null when it may.</summary>
    public string? RefusalToBecome(IncidentStatus to) => IncidentLifecycle.Refusal(Status, to, UnitIds.Count);
}

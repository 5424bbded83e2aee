using Vigil.Domain.Cameras;

namespace Vigil.Domain.Dispatch;

/// <summary>
/// An incident as the centre knows it: what, how urgent, where (when known), each step of the
/// response, the alerts and units on it, its timeline and, when another agency handed it over,
/// where it came from. It owns its rules: each change returns the next incident (with its new
/// timeline lines) or a refusal that names the rule; storing it is the caller's job. The only
/// personal datum, the caller's callback number, never leaves the database: this type only knows
/// whether there is one.
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

    /// <summary>The statuses a dispatcher sets by hand; dispatched and on scene follow the units.</summary>
    public static IReadOnlyList<IncidentStatus> SetByHand { get; } = [IncidentStatus.Resolved, IncidentStatus.Closed, IncidentStatus.Cancelled];

    /// <summary>A new incident from a call or from alerts, with its first timeline line.</summary>
    public static Incident Open(
        string id,
        IncidentType type,
        int priority,
        GeoLocation? position,
        string location,
        string summary,
        bool hasCallerCallback,
        IReadOnlyList<string> alertIds,
        string by,
        DateTimeOffset at) => new()
        {
            Id = id,
            Type = type,
            Priority = priority,
            Status = IncidentStatus.New,
            Position = position,
            Location = location,
            Summary = summary,
            HasCallerCallback = hasCallerCallback,
            CreatedBy = by,
            ReceivedAt = at,
            AlertIds = alertIds,
            Timeline = [IncidentEvent.Line(at, by, IncidentEvent.Created, $"{IncidentTypeNames.NameOf(type)}, P{priority}: {summary}")],
            Version = 0,
        };

    /// <summary>A line added to the narrative (lines are never changed or removed).</summary>
    public Incident Noted(string text, string by, DateTimeOffset at) => With(IncidentEvent.Line(at, by, IncidentEvent.Note, text));

    /// <summary>Resolved, closed or cancelled by hand, if the lifecycle allows it now.</summary>
    public Decision<Incident> Become(IncidentStatus to, string by, DateTimeOffset at)
    {
        if (!SetByHand.Contains(to))
        {
            return Decisions.Refuse<Incident>($"an incident becomes {IncidentLifecycle.Name(to)} by its units, not by hand");
        }

        if (RefusalToBecome(to) is { } refusal)
        {
            return Decisions.Refuse<Incident>(refusal);
        }

        Incident next = this with
        {
            Status = to,
            ResolvedAt = to == IncidentStatus.Resolved ? at : ResolvedAt,
            ClosedAt = to == IncidentStatus.Resolved ? ClosedAt : at,
        };
        return Decisions.Allow(next.With(IncidentEvent.Line(at, by, IncidentEvent.Status, IncidentLifecycle.Name(to))));
    }

    /// <summary>
    /// The incident's side of dispatching <paramref name="unit"/>: the first unit makes it
    /// dispatched, starts the call-to-dispatch interval's end and decides which turnout target applies.
    /// </summary>
    public Decision<Incident> Take(Unit unit, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (!TakesUnits)
        {
            return Decisions.Refuse<Incident>($"units cannot be dispatched to an incident that is {IncidentLifecycle.Name(Status)}");
        }

        bool first = Status == IncidentStatus.New;
        Incident next = this with
        {
            Status = first ? IncidentStatus.Dispatched : Status,
            DispatchedAt = first ? at : DispatchedAt,
            FirstUnitType = first ? unit.Type : FirstUnitType,
            UnitIds = [.. UnitIds, unit.Id],
        };
        return Decisions.Allow(next.With(IncidentEvent.Line(at, by, IncidentEvent.Dispatched, $"{unit.Name} ({unit.Id})")));
    }

    /// <summary>
    /// What a unit on it reporting <paramref name="to"/> means for the incident: the first en route and
    /// on scene times, on scene once a unit arrives, and the unit off it when it stands down.
    /// </summary>
    public Incident UnitReported(Unit unit, UnitStatus to, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(unit);
        Incident next = this with
        {
            EnRouteAt = to == UnitStatus.EnRoute ? EnRouteAt ?? at : EnRouteAt,
            OnSceneAt = to == UnitStatus.OnScene ? OnSceneAt ?? at : OnSceneAt,
            Status = to == UnitStatus.OnScene && Status == IncidentStatus.Dispatched ? IncidentStatus.OnScene : Status,
            UnitIds = to is UnitStatus.Available or UnitStatus.OutOfService ? UnitIds.Where(u => u != unit.Id).ToArray() : UnitIds,
        };
        return next.With(IncidentEvent.Line(at, by, IncidentEvent.Unit, $"{unit.Name} ({unit.Id}) {UnitLifecycle.Name(to)}"));
    }

    /// <summary>The same incident with more timeline lines.</summary>
    public Incident With(params IEnumerable<IncidentEvent> lines) => this with { Timeline = [.. Timeline, .. lines] };
}

using Vigil.Domain.Dispatch;

namespace Vigil.Data.Entities;

/// <summary>
/// An incident: what, how urgent, where, and when each step of the response happened. The
/// caller's callback number is the only personal datum and is optional.
/// </summary>
public sealed class IncidentRecord
{
    public required string Id { get; set; }

    public IncidentType Type { get; set; }

    /// <summary>1 (most urgent) to 4.</summary>
    public int Priority { get; set; }

    public IncidentStatus Status { get; set; }

    /// <summary>Null, with <see cref="Longitude"/>, when a neighbouring agency handed it over with an address only.</summary>
    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public required string Location { get; set; }

    public required string Summary { get; set; }

    public string? CallerCallback { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>When the call came in or the alert was escalated: the start of every response interval.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public DateTimeOffset? EnRouteAt { get; set; }

    public DateTimeOffset? OnSceneAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The type of the first unit dispatched (which targets apply).</summary>
    public UnitType? FirstUnitType { get; set; }

    /// <summary>The agency that handed it over (NENA EIDO), or null for the centre's own incidents.</summary>
    public string? SourceAgencyId { get; set; }

    public string? SourceAgencyName { get; set; }

    /// <summary>The handed-over document's incident id (<c>$id</c>), the same on every update of it.</summary>
    public string? SourceIncidentId { get; set; }

    /// <summary>When the sending agency last changed it, as its latest imported document says.</summary>
    public DateTimeOffset? SourceUpdatedAt { get; set; }

    public int Version { get; set; }
}

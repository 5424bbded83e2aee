using Vigil.Domain.Cameras;

namespace Vigil.Domain.Dispatch;

/// <summary>
/// A configured unit and where it stands now: status, the incident it serves, its last position.
/// Versioned, so two dispatchers cannot both take it.
/// </summary>
public sealed record UnitState(Unit Unit, UnitStatus Status, string? IncidentId, GeoLocation Position, DateTimeOffset UpdatedAt, int Version)
{
    /// <summary>Why the unit may not become <paramref name="to"/> now, naming the rule, or null when it may.</summary>
    public string? RefusalToBecome(UnitStatus to) => UnitLifecycle.Refusal(Status, to);
}

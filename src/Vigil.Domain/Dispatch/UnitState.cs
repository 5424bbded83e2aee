using Vigil.Domain.Cameras;

namespace Vigil.Domain.Dispatch;

/// <summary>
/// A configured unit and where it stands now: status, the incident it serves, its last position.
/// Versioned, so two dispatchers cannot both take it. Each move returns the next state or a refusal
/// that names the rule (<see cref="UnitLifecycle"/>).
/// </summary>
public sealed record UnitState(Unit Unit, UnitStatus Status, string? IncidentId, GeoLocation Position, DateTimeOffset UpdatedAt, int Version)
{
    /// <summary>Why the unit may not become <paramref name="to"/> now, naming the rule, or null when it may.</summary>
    public string? RefusalToBecome(UnitStatus to) => UnitLifecycle.Refusal(Status, to);

    /// <summary>Sent to an incident (only an available unit can be).</summary>
    public Decision<UnitState> DispatchTo(string incidentId, DateTimeOffset at) =>
        RefusalToBecome(UnitStatus.Dispatched) is { } refusal
            ? Decisions.Refuse<UnitState>($"{Unit.Id}: {refusal}")
            : Decisions.Allow(this with { Status = UnitStatus.Dispatched, IncidentId = incidentId, UpdatedAt = at });

    /// <summary>
    /// The unit reports a new status, perhaps with its position. Standing down (available, out of
    /// service) frees it from its incident where it is; an available unit with no incident is back at
    /// its station unless it says otherwise.
    /// </summary>
    public Decision<UnitState> Report(UnitStatus to, GeoLocation? position, DateTimeOffset at)
    {
        if (RefusalToBecome(to) is { } refusal)
        {
            return Decisions.Refuse<UnitState>($"{Unit.Id}: {refusal}");
        }

        bool standsDown = to is UnitStatus.Available or UnitStatus.OutOfService;
        GeoLocation where = position ?? (to == UnitStatus.Available && IncidentId is null ? Unit.Home : Position);
        return Decisions.Allow(this with { Status = to, IncidentId = standsDown ? null : IncidentId, Position = where, UpdatedAt = at });
    }
}

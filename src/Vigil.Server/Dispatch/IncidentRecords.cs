using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Cameras;
using Vigil.Domain.Dispatch;

namespace Vigil.Server.Dispatch;

/// <summary>
/// Between the incident tables and the domain's <see cref="Incident"/> and <see cref="UnitState"/>:
/// reading a record into the domain, and writing a decided change back (fields, new timeline lines).
/// </summary>
internal static class IncidentRecords
{
    public static Incident ToIncident(IncidentRecord i, IReadOnlyList<string> alertIds, IReadOnlyList<string> unitIds, IEnumerable<IncidentEventRecord> events) => new()
    {
        Id = i.Id,
        Type = i.Type,
        Priority = i.Priority,
        Status = i.Status,
        Position = i.Latitude is { } lat && i.Longitude is { } lon ? new GeoLocation(lat, lon) : null,
        Location = i.Location,
        Summary = i.Summary,
        HasCallerCallback = i.CallerCallback is not null,
        CreatedBy = i.CreatedBy,
        ReceivedAt = i.ReceivedAt,
        DispatchedAt = i.DispatchedAt,
        EnRouteAt = i.EnRouteAt,
        OnSceneAt = i.OnSceneAt,
        ResolvedAt = i.ResolvedAt,
        ClosedAt = i.ClosedAt,
        FirstUnitType = i.FirstUnitType,
        Source = i.SourceAgencyId is { } agency && i.SourceIncidentId is { } document && i.SourceUpdatedAt is { } updated
            ? new IncidentSource(agency, i.SourceAgencyName ?? agency, document, updated)
            : null,
        AlertIds = alertIds,
        UnitIds = unitIds,
        Timeline = events.Select(e => new IncidentEvent(e.At, e.Actor, e.Kind, e.Text, e.SourceNoteId)).ToArray(),
        Version = i.Version,
    };

    public static UnitState ToUnitState(Unit unit, UnitStateRecord state) =>
        new(unit, state.Status, state.IncidentId, new GeoLocation(state.Latitude, state.Longitude), state.UpdatedAt, state.Version);

    /// <summary>A new record for an incident just opened (its caller's callback, the one personal datum, comes separately).</summary>
    public static IncidentRecord NewRecord(Incident incident, string? callerCallback)
    {
        var record = new IncidentRecord { Id = incident.Id, Location = incident.Location, Summary = incident.Summary, CreatedBy = incident.CreatedBy, CallerCallback = callerCallback, ReceivedAt = incident.ReceivedAt };
        Apply(incident, record);
        return record;
    }

    /// <summary>Copies what a decision may change onto the tracked record (its version moves on).</summary>
    public static void Apply(Incident next, IncidentRecord record)
    {
        record.Type = next.Type;
        record.Priority = next.Priority;
        record.Status = next.Status;
        record.Latitude = next.Position?.Latitude;
        record.Longitude = next.Position?.Longitude;
        record.Location = next.Location;
        record.DispatchedAt = next.DispatchedAt;
        record.EnRouteAt = next.EnRouteAt;
        record.OnSceneAt = next.OnSceneAt;
        record.ResolvedAt = next.ResolvedAt;
        record.ClosedAt = next.ClosedAt;
        record.FirstUnitType = next.FirstUnitType;
        record.SourceAgencyId = next.Source?.AgencyId;
        record.SourceAgencyName = next.Source?.AgencyName;
        record.SourceIncidentId = next.Source?.IncidentId;
        record.SourceUpdatedAt = next.Source?.UpdatedAt;
    }

    /// <summary>Adds the timeline lines <paramref name="next"/> has beyond <paramref name="before"/>'s.</summary>
    public static void AddLines(VigilDbContext db, Incident? before, Incident next)
    {
        foreach (IncidentEvent line in next.Timeline.Skip(before?.Timeline.Count ?? 0))
        {
            db.IncidentEvents.Add(new IncidentEventRecord { IncidentId = next.Id, At = line.At, Actor = line.Actor, Kind = line.Kind, Text = line.Text, SourceNoteId = line.SourceNoteId });
        }
    }

    public static void Apply(UnitState next, UnitStateRecord record)
    {
        record.Status = next.Status;
        record.IncidentId = next.IncidentId;
        record.Latitude = next.Position.Latitude;
        record.Longitude = next.Position.Longitude;
        record.UpdatedAt = next.UpdatedAt;
    }
}

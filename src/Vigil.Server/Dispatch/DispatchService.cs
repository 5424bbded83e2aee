using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Configuration;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Audit;
using Vigil.Domain.Cameras;
using Vigil.Domain.Dispatch;
using Vigil.Server.Api;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Hosting;
using Vigil.Server.Live;

namespace Vigil.Server.Dispatch;

/// <summary>
/// The dispatch use cases: opening incidents from calls or alerts, the narrative, dispatching and
/// tracking units, and the incident's status. The rules are the domain's (<see cref="Incident"/>,
/// <see cref="UnitState"/>); this class checks the request, loads, asks the domain, stores the
/// decision with its audit entry in one transaction and pushes it. Units and incidents are
/// versioned, so two dispatchers taking the same unit at once cannot both succeed.
/// </summary>
internal sealed class DispatchService(
    IDbContextFactory<VigilDbContext> contexts,
    VigilConfig config,
    AuditLog audit,
    OpsPush push,
    IOptions<ServerOptions> options,
    TimeProvider clock)
{
    private readonly UnitRecommender _recommender = new(new TravelTimeEstimator());

    /// <summary>Makes sure every configured unit has a live state (at its station, available, the first time).</summary>
    public async Task SeedUnitsAsync(VigilDbContext db, CancellationToken cancellationToken)
    {
        HashSet<string> known = (await db.UnitStates.Select(u => u.UnitId).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        foreach (Unit unit in config.Units.Where(u => !known.Contains(u.Id)))
        {
            db.UnitStates.Add(new UnitStateRecord { UnitId = unit.Id, Status = UnitStatus.Available, Latitude = unit.Home.Latitude, Longitude = unit.Home.Longitude, UpdatedAt = clock.GetUtcNow() });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Outcome<Incident>> CreateAsync(CreateIncidentRequest request, string actor, CancellationToken ct)
    {
        if (request.Type is null || !IncidentTypeNames.ByName.TryGetValue(request.Type, out IncidentType type))
        {
            return Outcome<Incident>.Invalid("type", $"one of: {string.Join(", ", IncidentTypeNames.ByName.Keys)}");
        }

        int priority = request.Priority ?? 2;
        if (priority is < 1 or > 4)
        {
            return Outcome<Incident>.Invalid("priority", "1 (most urgent) to 4");
        }

        if (string.IsNullOrWhiteSpace(request.Summary) || Problems.CheckText(request.Summary, 1000) is not null)
        {
            return Outcome<Incident>.Invalid("summary", "say what happened, in 1 to 1000 characters without control characters");
        }

        if (Problems.CheckText(request.Location, 200) is { } locationProblem)
        {
            return Outcome<Incident>.Invalid("location", locationProblem);
        }

        if (request.CallerCallback is { } callback && (callback.Length > 32 || callback.Any(c => !char.IsAsciiDigit(c) && c is not '+' and not ' ' and not '-')))
        {
            return Outcome<Incident>.Invalid("callerCallback", "a phone number: digits, '+', spaces and '-', at most 32 characters");
        }

        if (request.Latitude is < -90 or > 90 || request.Longitude is < -180 or > 180)
        {
            return Outcome<Incident>.Invalid("latitude", "latitude -90..90 and longitude -180..180, in decimal degrees");
        }

        string[] alertIds = (request.AlertIds ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (alertIds.Any(a => !Ids.IsRecordId(a)))
        {
            return Outcome<Incident>.Invalid("alertIds", "alert ids are 32 hex digits");
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            List<AlertRecord> alerts = await db.Alerts.Where(a => alertIds.Contains(a.Id)).ToListAsync(ct).ConfigureAwait(false);
            if (alertIds.FirstOrDefault(id => alerts.All(a => a.Id != id)) is { } missing)
            {
                return Outcome<Incident>.NotFound($"No alert '{missing}'.");
            }

            foreach (AlertRecord alert in alerts)
            {
                if (AlertLifecycle.AllowedFrom(AlertState.Escalated).Contains(alert.State) is false)
                {
                    return Outcome<Incident>.Conflict($"Alert '{alert.Id}' is {AlertLifecycle.Name(alert.State)}; only new or acknowledged alerts can be escalated into an incident.");
                }
            }

            GeoLocation? source = alerts.Select(a => a.SensorId is { } sensor ? config.Sensors.FirstOrDefault(s => s.Id == sensor)?.Location : config.FindCamera(a.CameraId)?.Location).FirstOrDefault(l => l is not null);
            GeoLocation? at = request.Latitude is { } lat && request.Longitude is { } lon ? new GeoLocation(lat, lon) : source;
            if (at is null)
            {
                return Outcome<Incident>.Invalid("latitude", "give the incident's position (latitude and longitude), or link an alert from a camera with a location");
            }

            DateTimeOffset now = clock.GetUtcNow();
            string place = request.Location?.Trim() ?? (alerts.Count > 0 ? PlaceOf(alerts[0]) : "");
            Incident incident = Incident.Open(Guid.CreateVersion7(now).ToString("N"), type, priority, at, place, request.Summary.Trim(), request.CallerCallback is not null, alerts.Select(a => a.Id).ToArray(), actor, now);
            db.Incidents.Add(IncidentRecords.NewRecord(incident, request.CallerCallback));
            IncidentRecords.AddLines(db, null, incident);
            foreach (AlertRecord alert in alerts)
            {
                alert.State = AlertState.Escalated;
                alert.HandledBy = actor;
                alert.HandledAt = now;
                alert.UpdatedAt = now;
                alert.Version++;
                db.IncidentAlerts.Add(new IncidentAlertRecord { IncidentId = incident.Id, AlertId = alert.Id });
                db.EvidenceHolds.Add(new EvidenceHoldRecord { Id = Guid.CreateVersion7(now).ToString("N"), AlertId = alert.Id, HeldBy = $"incident/{incident.Id}", HeldAt = now });
            }

            string linked = alerts.Count == 0 ? "caller report" : "alerts " + string.Join(", ", alerts.Select(a => a.Id));
            await audit.SaveWithAsync(db, actor, AuditActions.IncidentCreated, $"incident/{incident.Id}", $"{IncidentTypeNames.NameOf(type)} P{priority}; {linked}", ct).ConfigureAwait(false);
            foreach (AlertRecord alert in alerts)
            {
                await push.AlertAsync(new AlertPush("handled", AlertDto.From(alert)), ct).ConfigureAwait(false);
            }

            await push.IncidentAsync(incident, ct).ConfigureAwait(false);
            return Outcome<Incident>.Done(incident, StatusCodes.Status201Created);
        }
    }

    public async Task<Outcome<Incident>> NoteAsync(string id, string? text, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || Problems.CheckText(text, 1000) is not null)
        {
            return Outcome<Incident>.Invalid("text", "1 to 1000 characters without control characters");
        }

        return await ChangeIncidentAsync(id, null, actor, AuditActions.IncidentNote, (_, incident, now) =>
            Task.FromResult(Decisions.Allow(incident.Noted(text.Trim(), actor, now))), ct).ConfigureAwait(false);
    }

    public async Task<Outcome<Incident>> SetStatusAsync(string id, string? statusName, int? version, string actor, CancellationToken ct)
    {
        if (Incident.SetByHand.Where(s => IncidentLifecycle.Name(s) == statusName).Select(s => (IncidentStatus?)s).FirstOrDefault() is not { } to)
        {
            return Outcome<Incident>.Invalid("status", "resolved, closed or cancelled (dispatched and on_scene follow the units: dispatch one, or report it on scene)");
        }

        return await ChangeIncidentAsync(id, version, actor, AuditActions.IncidentStatusChanged, async (db, incident, now) =>
        {
            Decision<Incident> decision = incident.Become(to, actor, now);
            if (decision.Next is { Status: IncidentStatus.Closed or IncidentStatus.Cancelled })
            {
                // The evidence stays for the evidence period after the case ends, then retention applies.
                foreach (EvidenceHoldRecord hold in await db.EvidenceHolds.Where(h => h.HeldBy == $"incident/{incident.Id}" && h.HoldUntil == null).ToListAsync(ct).ConfigureAwait(false))
                {
                    hold.HoldUntil = now.AddDays(options.Value.EvidenceDays);
                }
            }

            return decision;
        }, ct).ConfigureAwait(false);
    }

    public async Task<Outcome<IReadOnlyList<UnitRecommendation>>> RecommendAsync(string id, CancellationToken ct)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (!Ids.IsRecordId(id) || await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct).ConfigureAwait(false) is not { } incident)
            {
                return Outcome<IReadOnlyList<UnitRecommendation>>.NotFound($"No incident '{id}'.");
            }

            if (incident.Latitude is not { } lat || incident.Longitude is not { } lon)
            {
                return Outcome<IReadOnlyList<UnitRecommendation>>.Conflict("The incident has no map position (it was handed over with an address only), so no unit can be ranked by travel time; choose one by hand.");
            }

            Dictionary<string, UnitStateRecord> states = await db.UnitStates.AsNoTracking().ToDictionaryAsync(u => u.UnitId, StringComparer.Ordinal, ct).ConfigureAwait(false);
            IReadOnlyList<UnitRecommendation> ranked = _recommender.Recommend(
                incident.Type,
                new GeoLocation(lat, lon),
                config.Units.Where(u => states.ContainsKey(u.Id)).Select(u => (u, states[u.Id].Status, new GeoLocation(states[u.Id].Latitude, states[u.Id].Longitude))));
            return Outcome<IReadOnlyList<UnitRecommendation>>.Done(ranked);
        }
    }

    public async Task<Outcome<Incident>> DispatchAsync(string id, string? unitId, int? version, string actor, CancellationToken ct)
    {
        if (unitId is null || config.Units.FirstOrDefault(u => u.Id == unitId) is not { } unit)
        {
            return Outcome<Incident>.Invalid("unitId", "the id of a configured unit (see /api/units)");
        }

        UnitState? taken = null;
        Outcome<Incident> outcome = await ChangeIncidentAsync(id, null, actor, AuditActions.UnitDispatched, async (db, incident, now) =>
        {
            Decision<Incident> decision = incident.Take(unit, actor, now);
            if (decision.Next is null)
            {
                return decision;
            }

            UnitStateRecord record = await db.UnitStates.FirstAsync(u => u.UnitId == unit.Id, ct).ConfigureAwait(false);
            UnitState state = IncidentRecords.ToUnitState(unit, record);
            if (version is { } seen && seen != state.Version)
            {
                return Decisions.Refuse<Incident>($"unit {unit.Id} changed since version {seen} (it is {UnitLifecycle.Name(state.Status)} now); reload and decide again");
            }

            Decision<UnitState> sent = state.DispatchTo(incident.Id, now);
            if (sent.Next is not { } next)
            {
                return Decisions.Refuse<Incident>(sent.Refusal!);
            }

            IncidentRecords.Apply(next, record);
            record.Version++;
            taken = next with { Version = record.Version };
            return decision;
        }, ct, target: $"unit/{unit.Id}").ConfigureAwait(false);
        if (taken is not null && outcome.Value is not null)
        {
            await push.UnitAsync(taken, ct).ConfigureAwait(false);
        }

        return outcome;
    }

    public async Task<Outcome<UnitState>> SetUnitStatusAsync(string unitId, UnitStatusRequest request, string actor, CancellationToken ct)
    {
        if (config.Units.FirstOrDefault(u => u.Id == unitId) is not { } unit)
        {
            return Outcome<UnitState>.NotFound(Ids.IsSlug(unitId) ? $"No unit '{unitId}'." : "No unit with that id.");
        }

        if (Enum.GetValues<UnitStatus>().Where(s => UnitLifecycle.Name(s) == request.Status).Select(s => (UnitStatus?)s).FirstOrDefault() is not { } to)
        {
            return Outcome<UnitState>.Invalid("status", $"one of: {string.Join(", ", Enum.GetValues<UnitStatus>().Select(UnitLifecycle.Name))}");
        }

        if (request.Latitude is < -90 or > 90 || request.Longitude is < -180 or > 180 || (request.Latitude is null) != (request.Longitude is null))
        {
            return Outcome<UnitState>.Invalid("latitude", "latitude -90..90 and longitude -180..180 together, in decimal degrees");
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            UnitStateRecord record = await db.UnitStates.FirstAsync(u => u.UnitId == unit.Id, ct).ConfigureAwait(false);
            UnitState state = IncidentRecords.ToUnitState(unit, record);
            if (request.Version is { } seen && seen != state.Version)
            {
                return Outcome<UnitState>.Conflict($"Unit {unit.Id} changed since version {seen} (it is {UnitLifecycle.Name(state.Status)} now); reload and decide again.");
            }

            IncidentRecord? incidentRecord = state.IncidentId is null ? null : await db.Incidents.FirstOrDefaultAsync(i => i.Id == state.IncidentId, ct).ConfigureAwait(false);
            GeoLocation? reported = request.Latitude is { } lat && request.Longitude is { } lon ? new GeoLocation(lat, lon) : null;
            DateTimeOffset now = clock.GetUtcNow();
            Decision<UnitState> decision = (incidentRecord is null ? state with { IncidentId = null } : state).Report(to, reported, now);
            if (decision.Next is not { } next)
            {
                return Outcome<UnitState>.Conflict(decision.Refusal!);
            }

            Incident? incident = null;
            if (incidentRecord is not null)
            {
                Incident before = (await IncidentQueries.LoadAsync(db, [incidentRecord], ct).ConfigureAwait(false))[0];
                incident = before.UnitReported(unit, to, actor, now);
                IncidentRecords.Apply(incident, incidentRecord);
                IncidentRecords.AddLines(db, before, incident);
                incidentRecord.Version++;
                incident = incident with { Version = incidentRecord.Version };
            }

            IncidentRecords.Apply(next, record);
            record.Version++;
            try
            {
                await audit.SaveWithAsync(db, actor, AuditActions.UnitStatusChanged, $"unit/{unit.Id}", $"{UnitLifecycle.Name(to)}{(incident is null ? "" : $" (incident/{incident.Id})")}", ct).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome<UnitState>.Conflict($"Someone else changed unit {unit.Id} at the same moment; reload it and decide again.");
            }

            UnitState stored = next with { Version = record.Version };
            await push.UnitAsync(stored, ct).ConfigureAwait(false);
            if (incident is not null)
            {
                await push.IncidentAsync(incident, ct).ConfigureAwait(false);
            }

            return Outcome<UnitState>.Done(stored);
        }
    }

    /// <summary>Loads an incident, checks the version, asks for the decision, stores it with its audit entry and pushes it.</summary>
    private async Task<Outcome<Incident>> ChangeIncidentAsync(
        string id,
        int? version,
        string actor,
        string action,
        Func<VigilDbContext, Incident, DateTimeOffset, Task<Decision<Incident>>> change,
        CancellationToken ct,
        string? target = null)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (!Ids.IsRecordId(id) || await db.Incidents.FirstOrDefaultAsync(i => i.Id == id, ct).ConfigureAwait(false) is not { } record)
            {
                return Outcome<Incident>.NotFound(Ids.IsRecordId(id) ? $"No incident '{id}'." : "No incident with that id (incident ids are 32 hex digits).");
            }

            if (version is { } seen && seen != record.Version)
            {
                return Outcome<Incident>.Conflict($"The incident changed since version {seen} (it is at version {record.Version}, {IncidentLifecycle.Name(record.Status)}); reload it and decide again.");
            }

            DateTimeOffset now = clock.GetUtcNow();
            Incident before = (await IncidentQueries.LoadAsync(db, [record], ct).ConfigureAwait(false))[0];
            Decision<Incident> decision = await change(db, before, now).ConfigureAwait(false);
            if (decision.Next is not { } next)
            {
                string refusal = decision.Refusal!;
                return Outcome<Incident>.Conflict(char.ToUpperInvariant(refusal[0]) + refusal[1..] + ".");
            }

            IncidentRecords.Apply(next, record);
            IncidentRecords.AddLines(db, before, next);
            record.Version++;
            try
            {
                await audit.SaveWithAsync(db, actor, action, target ?? $"incident/{record.Id}", target is null ? null : $"incident/{record.Id}", ct).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome<Incident>.Conflict("Someone else changed this incident or unit at the same moment; reload and decide again.");
            }

            Incident stored = next with { Version = record.Version };
            await push.IncidentAsync(stored, ct).ConfigureAwait(false);
            return Outcome<Incident>.Done(stored);
        }
    }

    private string PlaceOf(AlertRecord alert) => alert.SensorId is { } sensor
        ? config.Sensors.FirstOrDefault(s => s.Id == sensor)?.Name ?? $"sensor {sensor}"
        : $"camera {alert.CameraId}";
}

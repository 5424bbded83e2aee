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
/// Incidents and units: creating incidents from calls or alerts, the narrative, dispatching and
/// tracking units, and the incident's status. Every rule of the lifecycles is checked here and a
/// refusal names it; units and incidents are versioned, so two dispatchers taking the same unit at
/// once cannot both succeed. Every change is audited in its own transaction and then pushed.
/// </summary>
internal sealed class DispatchService(
    IDbContextFactory<VigilDbContext> contexts,
    VigilConfig config,
    AuditLog audit,
    OpsPush push,
    IOptions<ServerOptions> options,
    TimeProvider clock)
{
    private readonly ResponseTargets _targets = options.Value.Targets;
    private readonly UnitRecommender _recommender = new(new TravelTimeEstimator());

    /// <summary>The response-time targets incidents are measured against.</summary>
    public ResponseTargets Targets => _targets;

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

    public async Task<Outcome<IncidentDto>> CreateAsync(CreateIncidentRequest request, string actor, CancellationToken ct)
    {
        if (request.Type is null || !IncidentTypeNames.ByName.TryGetValue(request.Type, out IncidentType type))
        {
            return Outcome<IncidentDto>.Invalid("type", $"one of: {string.Join(", ", IncidentTypeNames.ByName.Keys)}");
        }

        int priority = request.Priority ?? 2;
        if (priority is < 1 or > 4)
        {
            return Outcome<IncidentDto>.Invalid("priority", "1 (most urgent) to 4");
        }

        if (string.IsNullOrWhiteSpace(request.Summary) || Problems.CheckText(request.Summary, 1000) is not null)
        {
            return Outcome<IncidentDto>.Invalid("summary", "say what happened, in 1 to 1000 characters without control characters");
        }

        if (Problems.CheckText(request.Location, 200) is { } locationProblem)
        {
            return Outcome<IncidentDto>.Invalid("location", locationProblem);
        }

        if (request.CallerCallback is { } callback && (callback.Length > 32 || callback.Any(c => !char.IsAsciiDigit(c) && c is not '+' and not ' ' and not '-')))
        {
            return Outcome<IncidentDto>.Invalid("callerCallback", "a phone number: digits, '+', spaces and '-', at most 32 characters");
        }

        if (request.Latitude is < -90 or > 90 || request.Longitude is < -180 or > 180)
        {
            return Outcome<IncidentDto>.Invalid("latitude", "latitude -90..90 and longitude -180..180, in decimal degrees");
        }

        string[] alertIds = (request.AlertIds ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (alertIds.Any(a => !Ids.IsRecordId(a)))
        {
            return Outcome<IncidentDto>.Invalid("alertIds", "alert ids are 32 hex digits");
        }

        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            List<AlertRecord> alerts = await db.Alerts.Where(a => alertIds.Contains(a.Id)).ToListAsync(ct).ConfigureAwait(false);
            if (alertIds.FirstOrDefault(id => alerts.All(a => a.Id != id)) is { } missing)
            {
                return Outcome<IncidentDto>.NotFound($"No alert '{missing}'.");
            }

            foreach (AlertRecord alert in alerts)
            {
                if (AlertLifecycle.AllowedFrom(AlertState.Escalated).Contains(alert.State) is false)
                {
                    return Outcome<IncidentDto>.Conflict($"Alert '{alert.Id}' is {AlertLifecycle.Name(alert.State)}; only new or acknowledged alerts can be escalated into an incident.");
                }
            }

            GeoLocation? camera = alerts.Select(a => a.SensorId is { } sensor ? config.Sensors.FirstOrDefault(s => s.Id == sensor)?.Location : config.FindCamera(a.CameraId)?.Location).FirstOrDefault(l => l is not null);
            GeoLocation? at = request.Latitude is { } lat && request.Longitude is { } lon ? new GeoLocation(lat, lon) : camera;
            if (at is null)
            {
                return Outcome<IncidentDto>.Invalid("latitude", "give the incident's position (latitude and longitude), or link an alert from a camera with a location");
            }

            DateTimeOffset now = clock.GetUtcNow();
            var incident = new IncidentRecord
            {
                Id = Guid.CreateVersion7(now).ToString("N"),
                Type = type,
                Priority = priority,
                Status = IncidentStatus.New,
                Latitude = at.Value.Latitude,
                Longitude = at.Value.Longitude,
                Location = request.Location?.Trim() ?? (alerts.Count > 0 ? alerts[0].SensorId is { } sensor ? config.Sensors.FirstOrDefault(s => s.Id == sensor)?.Name ?? $"sensor {sensor}" : $"camera {alerts[0].CameraId}" : ""),
                Summary = request.Summary.Trim(),
                CallerCallback = request.CallerCallback,
                CreatedBy = actor,
                ReceivedAt = now,
            };
            db.Incidents.Add(incident);
            AddEvent(db, incident.Id, now, actor, "created", $"{IncidentTypeNames.NameOf(type)}, P{priority}: {incident.Summary}");
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
            IncidentDto dto = await ToDtoAsync(db, incident, ct).ConfigureAwait(false);
            foreach (AlertRecord alert in alerts)
            {
                await push.AlertAsync(new AlertPush("handled", AlertDto.From(alert)), ct).ConfigureAwait(false);
            }

            await push.IncidentAsync(dto, ct).ConfigureAwait(false);
            return Outcome<IncidentDto>.Done(dto, StatusCodes.Status201Created);
        }
    }

    public async Task<Outcome<IncidentDto>> NoteAsync(string id, string? text, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || Problems.CheckText(text, 1000) is not null)
        {
            return Outcome<IncidentDto>.Invalid("text", "1 to 1000 characters without control characters");
        }

        return await ChangeIncidentAsync(id, null, actor, AuditActions.IncidentNote, (db, incident, now) =>
        {
            AddEvent(db, incident.Id, now, actor, "note", text.Trim());
            return Task.FromResult<string?>(null);
        }, ct).ConfigureAwait(false);
    }

    public async Task<Outcome<IncidentDto>> SetStatusAsync(string id, string? statusName, int? version, string actor, CancellationToken ct)
    {
        IncidentStatus[] settable = [IncidentStatus.Resolved, IncidentStatus.Closed, IncidentStatus.Cancelled];
        if (settable.FirstOrDefault(s => IncidentLifecycle.Name(s) == statusName) is var to && IncidentLifecycle.Name(to) != statusName)
        {
            return Outcome<IncidentDto>.Invalid("status", "resolved, closed or cancelled (dispatched and on_scene follow the units: dispatch one, or report it on scene)");
        }

        return await ChangeIncidentAsync(id, version, actor, AuditActions.IncidentStatusChanged, async (db, incident, now) =>
        {
            int assigned = await db.UnitStates.CountAsync(u => u.IncidentId == incident.Id, ct).ConfigureAwait(false);
            if (IncidentLifecycle.Refusal(incident.Status, to, assigned) is { } refusal)
            {
                return refusal;
            }

            incident.Status = to;
            if (to == IncidentStatus.Resolved)
            {
                incident.ResolvedAt = now;
            }
            else
            {
                incident.ClosedAt = now;
                // The evidence stays for the evidence period after the case ends, then retention applies.
                foreach (EvidenceHoldRecord hold in await db.EvidenceHolds.Where(h => h.HeldBy == $"incident/{incident.Id}" && h.HoldUntil == null).ToListAsync(ct).ConfigureAwait(false))
                {
                    hold.HoldUntil = now.AddDays(options.Value.EvidenceDays);
                }
            }

            AddEvent(db, incident.Id, now, actor, "status", IncidentLifecycle.Name(to));
            return null;
        }, ct).ConfigureAwait(false);
    }

    public async Task<Outcome<IReadOnlyList<RecommendationDto>>> RecommendAsync(string id, CancellationToken ct)
    {
        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            if (!Ids.IsRecordId(id) || await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct).ConfigureAwait(false) is not { } incident)
            {
                return Outcome<IReadOnlyList<RecommendationDto>>.NotFound($"No incident '{id}'.");
            }

            Dictionary<string, UnitStateRecord> states = await db.UnitStates.AsNoTracking().ToDictionaryAsync(u => u.UnitId, StringComparer.Ordinal, ct).ConfigureAwait(false);
            IReadOnlyList<UnitRecommendation> ranked = _recommender.Recommend(
                incident.Type,
                new GeoLocation(incident.Latitude, incident.Longitude),
                config.Units.Where(u => states.ContainsKey(u.Id)).Select(u => (u, states[u.Id].Status, new GeoLocation(states[u.Id].Latitude, states[u.Id].Longitude))));
            return Outcome<IReadOnlyList<RecommendationDto>>.Done(ranked
                .Select(r => new RecommendationDto(r.Unit.Id, r.Unit.Name, UnitTypeNames.NameOf(r.Unit.Type), Math.Round(r.DistanceKm, 2), Math.Round(r.EstimatedTravel.TotalSeconds), r.Reason))
                .ToArray());
        }
    }

    public async Task<Outcome<IncidentDto>> DispatchAsync(string id, string? unitId, int? version, string actor, CancellationToken ct)
    {
        if (unitId is null || config.Units.FirstOrDefault(u => u.Id == unitId) is not { } unit)
        {
            return Outcome<IncidentDto>.Invalid("unitId", "the id of a configured unit (see /api/units)");
        }

        UnitStateRecord? taken = null;
        Outcome<IncidentDto> outcome = await ChangeIncidentAsync(id, null, actor, AuditActions.UnitDispatched, async (db, incident, now) =>
        {
            if (incident.Status is not (IncidentStatus.New or IncidentStatus.Dispatched or IncidentStatus.OnScene))
            {
                return $"units cannot be dispatched to an incident that is {IncidentLifecycle.Name(incident.Status)}";
            }

            UnitStateRecord state = await db.UnitStates.FirstAsync(u => u.UnitId == unit.Id, ct).ConfigureAwait(false);
            if (version is { } seen && seen != state.Version)
            {
                return $"unit {unit.Id} changed since version {seen} (it is {UnitLifecycle.Name(state.Status)} now); reload and decide again";
            }

            if (UnitLifecycle.Refusal(state.Status, UnitStatus.Dispatched) is { } refusal)
            {
                return $"{unit.Id}: {refusal}";
            }

            state.Status = UnitStatus.Dispatched;
            state.IncidentId = incident.Id;
            state.UpdatedAt = now;
            state.Version++;
            taken = state;
            if (incident.Status == IncidentStatus.New)
            {
                incident.Status = IncidentStatus.Dispatched;
                incident.DispatchedAt = now;
                incident.FirstUnitType = unit.Type;
            }

            AddEvent(db, incident.Id, now, actor, "dispatched", $"{unit.Name} ({unit.Id})");
            return null;
        }, ct, target: $"unit/{unit.Id}").ConfigureAwait(false);
        if (taken is not null && outcome.Value is not null)
        {
            await push.UnitAsync(ToDto(unit, taken), ct).ConfigureAwait(false);
        }

        return outcome;
    }

    public async Task<Outcome<UnitDto>> SetUnitStatusAsync(string unitId, UnitStatusRequest request, string actor, CancellationToken ct)
    {
        if (config.Units.FirstOrDefault(u => u.Id == unitId) is not { } unit)
        {
            return Outcome<UnitDto>.NotFound(Ids.IsSlug(unitId) ? $"No unit '{unitId}'." : "No unit with that id.");
        }

        if (Enum.GetValues<UnitStatus>().Where(s => UnitLifecycle.Name(s) == request.Status).Select(s => (UnitStatus?)s).FirstOrDefault() is not { } to)
        {
            return Outcome<UnitDto>.Invalid("status", $"one of: {string.Join(", ", Enum.GetValues<UnitStatus>().Select(UnitLifecycle.Name))}");
        }

        if (request.Latitude is < -90 or > 90 || request.Longitude is < -180 or > 180 || (request.Latitude is null) != (request.Longitude is null))
        {
            return Outcome<UnitDto>.Invalid("latitude", "latitude -90..90 and longitude -180..180 together, in decimal degrees");
        }

        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            UnitStateRecord state = await db.UnitStates.FirstAsync(u => u.UnitId == unit.Id, ct).ConfigureAwait(false);
            if (request.Version is { } seen && seen != state.Version)
            {
                return Outcome<UnitDto>.Conflict($"Unit {unit.Id} changed since version {seen} (it is {UnitLifecycle.Name(state.Status)} now); reload and decide again.");
            }

            if (UnitLifecycle.Refusal(state.Status, to) is { } refusal)
            {
                return Outcome<UnitDto>.Conflict($"{unit.Id}: {refusal}");
            }

            DateTimeOffset now = clock.GetUtcNow();
            IncidentRecord? incident = state.IncidentId is null ? null : await db.Incidents.FirstOrDefaultAsync(i => i.Id == state.IncidentId, ct).ConfigureAwait(false);
            if (incident is not null)
            {
                if (to == UnitStatus.EnRoute)
                {
                    incident.EnRouteAt ??= now;
                }

                if (to == UnitStatus.OnScene)
                {
                    incident.OnSceneAt ??= now;
                    if (incident.Status == IncidentStatus.Dispatched)
                    {
                        incident.Status = IncidentStatus.OnScene;
                    }
                }

                incident.Version++;
                AddEvent(db, incident.Id, now, actor, "unit", $"{unit.Name} ({unit.Id}) {UnitLifecycle.Name(to)}");
            }

            state.Status = to;
            state.UpdatedAt = now;
            state.Version++;
            if (to is UnitStatus.Available or UnitStatus.OutOfService)
            {
                state.IncidentId = null;
                state.Latitude = request.Latitude ?? (to == UnitStatus.Available && incident is null ? unit.Home.Latitude : state.Latitude);
                state.Longitude = request.Longitude ?? (to == UnitStatus.Available && incident is null ? unit.Home.Longitude : state.Longitude);
            }
            else if (request.Latitude is { } lat && request.Longitude is { } lon)
            {
                state.Latitude = lat;
                state.Longitude = lon;
            }

            try
            {
                await audit.SaveWithAsync(db, actor, AuditActions.UnitStatusChanged, $"unit/{unit.Id}", $"{UnitLifecycle.Name(to)}{(incident is null ? "" : $" (incident/{incident.Id})")}", ct).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome<UnitDto>.Conflict($"Someone else changed unit {unit.Id} at the same moment; reload it and decide again.");
            }

            UnitDto dto = ToDto(unit, state);
            await push.UnitAsync(dto, ct).ConfigureAwait(false);
            if (incident is not null)
            {
                await push.IncidentAsync(await ToDtoAsync(db, incident, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            }

            return Outcome<UnitDto>.Done(dto);
        }
    }

    /// <summary>Response times of incidents received in [from, to), by type and priority, against the targets.</summary>
    public async Task<IReadOnlyList<ResponseTimeSummary>> ResponseTimesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            List<IncidentRecord> incidents = await db.Incidents.AsNoTracking()
                .Where(i => i.ReceivedAt >= from && i.ReceivedAt < to && i.Status != IncidentStatus.Cancelled)
                .ToListAsync(ct).ConfigureAwait(false);
            return ResponseTimeSummary.Build(
                incidents.Select(i => (i.Type, i.Priority, i.FirstUnitType, ResponseTimes.From(i.ReceivedAt, i.DispatchedAt, i.EnRouteAt, i.OnSceneAt))),
                _targets);
        }
    }

    public async Task<IReadOnlyList<UnitDto>> ListUnitsAsync(CancellationToken ct)
    {
        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            Dictionary<string, UnitStateRecord> states = await db.UnitStates.AsNoTracking().ToDictionaryAsync(u => u.UnitId, StringComparer.Ordinal, ct).ConfigureAwait(false);
            return config.Units.Where(u => states.ContainsKey(u.Id)).Select(u => ToDto(u, states[u.Id])).ToArray();
        }
    }

    public async Task<IncidentDto?> GetAsync(string id, CancellationToken ct)
    {
        if (!Ids.IsRecordId(id))
        {
            return null;
        }

        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            return await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct).ConfigureAwait(false) is { } incident
                ? await ToDtoAsync(db, incident, ct).ConfigureAwait(false)
                : null;
        }
    }

    public async Task<IReadOnlyList<IncidentDto>> ListAsync(bool openOnly, CancellationToken ct)
    {
        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            IQueryable<IncidentRecord> query = db.Incidents.AsNoTracking();
            if (openOnly)
            {
                query = query.Where(i => i.Status != IncidentStatus.Closed && i.Status != IncidentStatus.Cancelled);
            }

            var result = new List<IncidentDto>();
            foreach (IncidentRecord incident in await query.OrderByDescending(i => i.Id).Take(200).ToListAsync(ct).ConfigureAwait(false))
            {
                result.Add(await ToDtoAsync(db, incident, ct).ConfigureAwait(false));
            }

            return result;
        }
    }

    /// <summary>Loads an incident, checks the version, applies a change (null, or the broken rule), audits, saves and pushes.</summary>
    private async Task<Outcome<IncidentDto>> ChangeIncidentAsync(
        string id,
        int? version,
        string actor,
        string action,
        Func<VigilDbContext, IncidentRecord, DateTimeOffset, Task<string?>> change,
        CancellationToken ct,
        string? target = null)
    {
        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            if (!Ids.IsRecordId(id) || await db.Incidents.FirstOrDefaultAsync(i => i.Id == id, ct).ConfigureAwait(false) is not { } incident)
            {
                return Outcome<IncidentDto>.NotFound(Ids.IsRecordId(id) ? $"No incident '{id}'." : "No incident with that id (incident ids are 32 hex digits).");
            }

            if (version is { } seen && seen != incident.Version)
            {
                return Outcome<IncidentDto>.Conflict($"The incident changed since version {seen} (it is at version {incident.Version}, {IncidentLifecycle.Name(incident.Status)}); reload it and decide again.");
            }

            DateTimeOffset now = clock.GetUtcNow();
            if (await change(db, incident, now).ConfigureAwait(false) is { } refusal)
            {
                return Outcome<IncidentDto>.Conflict(char.ToUpperInvariant(refusal[0]) + refusal[1..] + ".");
            }

            incident.Version++;
            try
            {
                await audit.SaveWithAsync(db, actor, action, target ?? $"incident/{incident.Id}", target is null ? null : $"incident/{incident.Id}", ct).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome<IncidentDto>.Conflict("Someone else changed this incident or unit at the same moment; reload and decide again.");
            }

            IncidentDto dto = await ToDtoAsync(db, incident, ct).ConfigureAwait(false);
            await push.IncidentAsync(dto, ct).ConfigureAwait(false);
            return Outcome<IncidentDto>.Done(dto);
        }
    }

    private static void AddEvent(VigilDbContext db, string incidentId, DateTimeOffset at, string actor, string kind, string text) =>
        db.IncidentEvents.Add(new IncidentEventRecord { IncidentId = incidentId, At = at, Actor = actor, Kind = kind, Text = text.Length <= 1000 ? text : text[..1000] });

    private async Task<IncidentDto> ToDtoAsync(VigilDbContext db, IncidentRecord i, CancellationToken ct)
    {
        List<string> alerts = await db.IncidentAlerts.AsNoTracking().Where(l => l.IncidentId == i.Id).Select(l => l.AlertId).ToListAsync(ct).ConfigureAwait(false);
        List<string> units = await db.UnitStates.AsNoTracking().Where(u => u.IncidentId == i.Id).Select(u => u.UnitId).ToListAsync(ct).ConfigureAwait(false);
        List<IncidentEventRecord> events = await db.IncidentEvents.AsNoTracking().Where(e => e.IncidentId == i.Id).OrderBy(e => e.Id).ToListAsync(ct).ConfigureAwait(false);
        var times = ResponseTimes.From(i.ReceivedAt, i.DispatchedAt, i.EnRouteAt, i.OnSceneAt);
        return new IncidentDto(
            i.Id,
            IncidentTypeNames.NameOf(i.Type),
            i.Priority,
            IncidentLifecycle.Name(i.Status),
            i.Latitude,
            i.Longitude,
            i.Location,
            i.Summary,
            i.CallerCallback is not null,
            i.CreatedBy,
            i.ReceivedAt,
            i.DispatchedAt,
            i.EnRouteAt,
            i.OnSceneAt,
            i.ResolvedAt,
            i.ClosedAt,
            alerts,
            units,
            events.Select(e => new IncidentEventDto(e.At, e.Actor, e.Kind, e.Text)).ToArray(),
            new ResponseTimesDto(
                times.CallToDispatch?.TotalSeconds,
                times.Turnout?.TotalSeconds,
                times.Travel?.TotalSeconds,
                times.Total?.TotalSeconds,
                i.FirstUnitType is { } first ? times.Missed(_targets, first) : []),
            i.Version);
    }

    private static UnitDto ToDto(Unit unit, UnitStateRecord state) => new(
        unit.Id, unit.Name, UnitTypeNames.NameOf(unit.Type), unit.Station, state.Latitude, state.Longitude, UnitLifecycle.Name(state.Status), state.IncidentId, state.Version);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Configuration;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Dispatch;
using Vigil.Server.Api;
using Vigil.Server.Hosting;

namespace Vigil.Server.Dispatch;

/// <summary>
/// Reading incidents and units into the domain. A list costs four queries however many incidents it
/// holds (incidents, then their alerts, units and timelines, each for all of them at once).
/// </summary>
internal sealed class IncidentQueries(IDbContextFactory<VigilDbContext> contexts, VigilConfig config, IOptions<ServerOptions> options)
{
    /// <summary>The most incidents one list returns (newest first).</summary>
    public const int ListLimit = 200;

    /// <summary>The response-time targets incidents are measured against.</summary>
    public ResponseTargets Targets { get; } = options.Value.Targets;

    public async Task<Incident?> GetAsync(string id, CancellationToken ct)
    {
        if (!Ids.IsRecordId(id))
        {
            return null;
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct).ConfigureAwait(false) is { } incident
                ? (await LoadAsync(db, [incident], ct).ConfigureAwait(false))[0]
                : null;
        }
    }

    public async Task<IReadOnlyList<Incident>> ListAsync(bool openOnly, CancellationToken ct)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            IQueryable<IncidentRecord> query = db.Incidents.AsNoTracking();
            if (openOnly)
            {
                query = query.Where(i => i.Status != IncidentStatus.Closed && i.Status != IncidentStatus.Cancelled);
            }

            List<IncidentRecord> incidents = await query.OrderByDescending(i => i.Id).Take(ListLimit).ToListAsync(ct).ConfigureAwait(false);
            return await LoadAsync(db, incidents, ct).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<UnitState>> UnitsAsync(CancellationToken ct)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            Dictionary<string, UnitStateRecord> states = await db.UnitStates.AsNoTracking().ToDictionaryAsync(u => u.UnitId, StringComparer.Ordinal, ct).ConfigureAwait(false);
            return config.Units.Where(u => states.ContainsKey(u.Id)).Select(u => IncidentRecords.ToUnitState(u, states[u.Id])).ToArray();
        }
    }

    /// <summary>Response times of incidents received in [from, to), by type and priority, against the targets.</summary>
    public async Task<IReadOnlyList<ResponseTimeSummary>> ResponseTimesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            List<IncidentRecord> incidents = await db.Incidents.AsNoTracking()
                .Where(i => i.ReceivedAt >= from && i.ReceivedAt < to && i.Status != IncidentStatus.Cancelled)
                .ToListAsync(ct).ConfigureAwait(false);
            return ResponseTimeSummary.Build(
                incidents.Select(i => (i.Type, i.Priority, i.FirstUnitType, ResponseTimes.From(i.ReceivedAt, i.DispatchedAt, i.EnRouteAt, i.OnSceneAt))),
                Targets);
        }
    }

    /// <summary>The incidents with their alerts, units and timelines: three queries for all of them together.</summary>
    public static async Task<IReadOnlyList<Incident>> LoadAsync(VigilDbContext db, IReadOnlyList<IncidentRecord> incidents, CancellationToken ct)
    {
        if (incidents.Count == 0)
        {
            return [];
        }

        string[] ids = incidents.Select(i => i.Id).ToArray();
        ILookup<string, string> alerts = (await db.IncidentAlerts.AsNoTracking().Where(l => ids.Contains(l.IncidentId)).Select(l => new { l.IncidentId, l.AlertId }).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(l => l.IncidentId, l => l.AlertId, StringComparer.Ordinal);
        ILookup<string, string> units = (await db.UnitStates.AsNoTracking().Where(u => u.IncidentId != null && ids.Contains(u.IncidentId)).Select(u => new { IncidentId = u.IncidentId!, u.UnitId }).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(u => u.IncidentId, u => u.UnitId, StringComparer.Ordinal);
        ILookup<string, IncidentEventRecord> events = (await db.IncidentEvents.AsNoTracking().Where(e => ids.Contains(e.IncidentId)).OrderBy(e => e.Id).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(e => e.IncidentId, StringComparer.Ordinal);
        return incidents.Select(i => IncidentRecords.ToIncident(i, alerts[i.Id].ToArray(), units[i.Id].Order(StringComparer.Ordinal).ToArray(), events[i.Id])).ToArray();
    }
}

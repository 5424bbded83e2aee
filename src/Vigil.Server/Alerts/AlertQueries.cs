using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Server.Api.Contracts;

namespace Vigil.Server.Alerts;

/// <summary>What the console reads about alerts: the open queue and the volumes over a period.</summary>
internal sealed class AlertQueries(IDbContextFactory<VigilDbContext> contexts)
{
    /// <summary>New and acknowledged alerts, newest first.</summary>
    public async Task<IReadOnlyList<AlertDto>> OpenAsync(int take, CancellationToken cancellationToken)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            List<AlertRecord> open = await db.Alerts.AsNoTracking()
                .Where(a => a.State == AlertState.New || a.State == AlertState.Acknowledged)
                .OrderByDescending(a => a.Id).Take(take)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return open.Select(AlertDto.From).ToArray();
        }
    }

    /// <summary>One alert, or null.</summary>
    public async Task<AlertDto?> GetAsync(string id, CancellationToken cancellationToken)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            AlertRecord? alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
            return alert is null ? null : AlertDto.From(alert);
        }
    }

    /// <summary>How many alerts each camera's rules raised in [from, to), most first.</summary>
    public async Task<IReadOnlyList<AlertVolume>> VolumesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var rows = await db.Alerts.AsNoTracking()
                .Where(a => a.OpenedAt >= from && a.OpenedAt < to)
                .GroupBy(a => new { a.CameraId, a.RuleId })
                .Select(g => new { g.Key.CameraId, g.Key.RuleId, Count = g.Count() })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.Select(r => new AlertVolume(r.CameraId, r.RuleId, r.Count))
                .OrderByDescending(v => v.Count).ThenBy(v => v.CameraId, StringComparer.Ordinal).ThenBy(v => v.RuleId, StringComparer.Ordinal)
                .ToArray();
        }
    }
}

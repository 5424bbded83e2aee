using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Audit;
using Vigil.Server.Api;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Live;

namespace Vigil.Server.Alerts;

/// <summary>
/// Operators' actions on alerts. The stored alert is the truth for its state: the action is checked
/// against the lifecycle, saved with an optimistic-concurrency check, and then pushed.
/// </summary>
internal sealed class AlertActions(IDbContextFactory<VigilDbContext> contexts, AuditLog audit, OpsPush push, TimeProvider clock)
{
    /// <summary>Applies an action; the outcome says whether it happened and, if not, why.</summary>
    public async Task<Outcome<AlertDto>> ApplyAsync(string id, AlertState to, string userName, AlertActionRequest? request, CancellationToken cancellationToken)
    {
        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            AlertRecord? alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
            if (alert is null)
            {
                return Outcome<AlertDto>.NotFound($"No alert '{id}'.");
            }

            if (request?.Version is { } seen && seen != alert.Version)
            {
                return Outcome<AlertDto>.Conflict($"The alert changed since version {seen} (it is at version {alert.Version}, {AlertLifecycle.Name(alert.State)}); reload it and decide again.");
            }

            try
            {
                AlertLifecycle.EnsureAllowed(id, alert.State, to);
            }
            catch (AlertTransitionException ex)
            {
                return Outcome<AlertDto>.Conflict(ex.Message);
            }

            DateTimeOffset now = clock.GetUtcNow();
            alert.State = to;
            alert.HandledBy = userName;
            alert.HandledAt = now;
            alert.Note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
            alert.UpdatedAt = now;
            alert.Version++;
            try
            {
                string action = to switch
                {
                    AlertState.Acknowledged => AuditActions.AlertAcknowledged,
                    AlertState.Dismissed => AuditActions.AlertDismissed,
                    _ => AuditActions.AlertEscalated,
                };
                await audit.SaveWithAsync(db, userName, action, $"alert/{id}", alert.Note, cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome<AlertDto>.Conflict("Someone else acted on this alert at the same moment; reload it and decide again.");
            }

            AlertDto dto = AlertDto.From(alert);
            await push.AlertAsync(new AlertPush("handled", dto), cancellationToken).ConfigureAwait(false);
            return Outcome<AlertDto>.Done(dto);
        }
    }
}

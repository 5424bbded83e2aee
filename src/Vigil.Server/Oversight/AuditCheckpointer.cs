using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Server.Hosting;

namespace Vigil.Server.Oversight;

/// <summary>
/// Signs a checkpoint of the audit log at start, every few minutes when entries were added (entry
/// counts trigger checkpoints too, in <see cref="AuditLog"/>), and once more at shutdown.
/// </summary>
internal sealed class AuditCheckpointer(AuditLog audit, IDbContextFactory<VigilDbContext> contexts, IOptions<ServerOptions> options, TimeProvider clock) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CheckpointAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The container is already being torn down (a host disposed without a graceful stop):
            // the next start signs the checkpoint instead.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.AuditCheckpointMinutes), clock);
        try
        {
            // First at start: entries written after the last checkpoint before a crash get theirs now.
            do
            {
                await CheckpointAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync signs the last one.
        }
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            await audit.CheckpointAsync(db, cancellationToken).ConfigureAwait(false);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Vigil.Data.Entities;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// Benchmark only, never in the product: while <see cref="Dropping"/> is on, takes the audit entry
/// (and any checkpoint) out of a save just before it runs, so the action is stored alone, as an
/// unaudited server would store it, through the same endpoint and code. What stays is what runs
/// before the save: the audit log's in-process ordering and the entry's hash (a few microseconds).
/// </summary>
internal sealed class AuditRowDropper : SaveChangesInterceptor
{
    private volatile bool _dropping;

    public bool Dropping
    {
        get => _dropping;
        set => _dropping = value;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Drop(eventData?.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Drop(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    private void Drop(DbContext? context)
    {
        if (!_dropping || context is null)
        {
            return;
        }

        foreach (EntityEntry entry in context.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity is AuditEntryRecord or AuditCheckpointRecord).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Vigil.Data;

namespace Vigil.Server.Benchmarks;

/// <summary>The host's contexts (same database, same settings) with an <see cref="AuditRowDropper"/> added.</summary>
internal sealed class DroppingContextFactory(DatabaseSettings settings, AuditRowDropper dropper) : IDbContextFactory<VigilDbContext>
{
    private readonly Func<VigilDbContext> _create = VigilDatabase.CreatePooledFactory(settings, o => o.AddInterceptors(dropper));

    public VigilDbContext CreateDbContext() => _create();
}

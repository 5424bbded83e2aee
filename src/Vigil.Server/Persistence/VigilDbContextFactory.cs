using Microsoft.EntityFrameworkCore;
using Vigil.Data;

namespace Vigil.Server.Persistence;

/// <summary>
/// Contexts for whichever database <c>--db</c> chose. The options (and EF's compiled model) are built
/// once; a context per unit of work is then cheap.
/// </summary>
internal sealed class VigilDbContextFactory(DatabaseSettings settings) : IDbContextFactory<VigilDbContext>
{
    private readonly Func<VigilDbContext> _create = VigilDatabase.CreateFactory(settings);

    public DatabaseSettings Settings { get; } = settings;

    public VigilDbContext CreateDbContext() => _create();
}

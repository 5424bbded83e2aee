using Microsoft.EntityFrameworkCore;
using Vigil.Data;

namespace Vigil.Server.Persistence;

/// <summary>
/// Contexts for whichever database <c>--db</c> chose. The options (and EF's compiled model) are built
/// once, and contexts are pooled: disposing one resets it for the next unit of work.
/// </summary>
internal sealed class VigilDbContextFactory(DatabaseSettings settings) : IDbContextFactory<VigilDbContext>
{
    private readonly Func<VigilDbContext> _create = VigilDatabase.CreatePooledFactory(settings);

    public DatabaseSettings Settings { get; } = settings;

    public VigilDbContext CreateDbContext() => _create();
}

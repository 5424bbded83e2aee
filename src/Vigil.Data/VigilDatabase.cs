using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Vigil.Data;

/// <summary>Creating contexts and bringing a database to the current schema.</summary>
public static class VigilDatabase
{
    /// <summary>A context for the database (the caller disposes it).</summary>
    public static VigilDbContext CreateContext(DatabaseSettings settings) => CreateFactory(settings)();

    /// <summary>
    /// Builds the options once and returns a cheap way to make contexts with them;
    /// <paramref name="configure"/> adds to the options after the settings (a benchmark's interceptor).
    /// </summary>
    public static Func<VigilDbContext> CreateFactory(DatabaseSettings settings, Action<DbContextOptionsBuilder>? configure = null) =>
        Create(settings, configure, pooled: false);

    /// <summary>
    /// Like <see cref="CreateFactory"/>, for a long-running host: a disposed context goes back to a
    /// pool, reset, and the next one is taken from it. Building a context (its internal services,
    /// its connection) is about half the cost of a small request; a pool skips it (ADR 012).
    /// </summary>
    public static Func<VigilDbContext> CreatePooledFactory(DatabaseSettings settings, Action<DbContextOptionsBuilder>? configure = null) =>
        Create(settings, configure, pooled: true);

    private static Func<VigilDbContext> Create(DatabaseSettings settings, Action<DbContextOptionsBuilder>? configure, bool pooled)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Provider == DatabaseProvider.Sqlite
            ? Create<SqliteVigilDbContext>(settings, configure, pooled, static o => new SqliteVigilDbContext(o))
            : Create<PostgresVigilDbContext>(settings, configure, pooled, static o => new PostgresVigilDbContext(o));
    }

    private static Func<VigilDbContext> Create<TContext>(DatabaseSettings settings, Action<DbContextOptionsBuilder>? configure, bool pooled, Func<DbContextOptions<TContext>, TContext> create)
        where TContext : VigilDbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        settings.Configure(builder);
        configure?.Invoke(builder);
        DbContextOptions<TContext> options = builder.Options;
        if (!pooled)
        {
            return () => create(options);
        }

        var pool = new PooledDbContextFactory<TContext>(options);
        return pool.CreateDbContext;
    }

    /// <summary>
    /// Applies pending migrations. For SQLite it first creates the folder and switches the file to
    /// write-ahead logging (a property of the file: set once, kept).
    /// </summary>
    public static async Task MigrateAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            string file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }

        VigilDbContext db = CreateContext(settings);
        await using (db.ConfigureAwait(false))
        {
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            }

            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

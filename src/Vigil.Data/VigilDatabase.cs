using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
    public static Func<VigilDbContext> CreateFactory(DatabaseSettings settings, Action<DbContextOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new DbContextOptionsBuilder<SqliteVigilDbContext>();
            settings.Configure(sqlite);
            configure?.Invoke(sqlite);
            DbContextOptions<SqliteVigilDbContext> sqliteOptions = sqlite.Options;
            return () => new SqliteVigilDbContext(sqliteOptions);
        }

        var postgres = new DbContextOptionsBuilder<PostgresVigilDbContext>();
        settings.Configure(postgres);
        configure?.Invoke(postgres);
        DbContextOptions<PostgresVigilDbContext> postgresOptions = postgres.Options;
        return () => new PostgresVigilDbContext(postgresOptions);
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

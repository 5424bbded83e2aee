using Microsoft.Data.Sqlite;
using Vigil.Data;

namespace Vigil.Testing;

/// <summary>
/// A migrated SQLite database in a folder of its own, for tests that work on SQLite's files and
/// connections directly (its write-ahead log, its readers); the folder goes when it is disposed.
/// </summary>
internal sealed class ScratchSqlite : IAsyncDisposable
{
    private readonly string _folder;

    private ScratchSqlite(string folder, DatabaseSettings settings)
    {
        _folder = folder;
        Settings = settings;
    }

    public DatabaseSettings Settings { get; }

    public static async Task<ScratchSqlite> CreateAsync()
    {
        string folder = Directory.CreateTempSubdirectory("vigil-scratch-sqlite-").FullName;
        DatabaseSettings settings = DatabaseSettings.Parse(null, folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        return new ScratchSqlite(folder, settings);
    }

    /// <summary>Runs SQL on a connection (a reader's <c>BEGIN; SELECT …</c>, a writer's <c>INSERT</c>).</summary>
    public static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

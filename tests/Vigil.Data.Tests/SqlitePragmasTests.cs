using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Vigil.Data.Tests;

/// <summary>Every SQLite connection a context gets runs with Vigil's durability and locking settings, pooled or new.</summary>
public sealed class SqlitePragmasTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-pragmas-test-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Settings_HoldOnANewConnection_AndOnOneThePoolHandsOutAgain()
    {
        DatabaseSettings settings = DatabaseSettings.Parse(null, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        SqliteConnection.ClearAllPools();

        (object first, string firstSettings) = await OpenAndReadAsync(settings);
        (object again, string againSettings) = await OpenAndReadAsync(settings);
        SqliteConnection.ClearAllPools();
        (object fresh, string freshSettings) = await OpenAndReadAsync(settings);

        Assert.Same(first, again); // the pool gave the same native connection back
        Assert.NotSame(first, fresh);
        Assert.All([firstSettings, againSettings, freshSettings], s => Assert.Equal("synchronous=1 busy_timeout=5000 foreign_keys=1", s));
    }

    private static async Task<(object Handle, string Settings)> OpenAndReadAsync(DatabaseSettings settings)
    {
        await using VigilDbContext db = VigilDatabase.CreateContext(settings);
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        string read = $"synchronous={await ReadAsync(connection, "synchronous")} busy_timeout={await ReadAsync(connection, "busy_timeout")} foreign_keys={await ReadAsync(connection, "foreign_keys")}";
        return (connection.Handle!, read);
    }

    private static async Task<long> ReadAsync(SqliteConnection connection, string pragma)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vigil.Data.Entities;

namespace Vigil.Data.Tests;

/// <summary>
/// Every SQLite connection a context gets runs with Vigil's durability and locking settings, pooled
/// or new, and carries none of EF Core's SQL functions, which nothing in Vigil's model needs.
/// </summary>
public sealed class SqliteConnectionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-sqlite-connections-test-").FullName;

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
        Assert.All([firstSettings, againSettings, freshSettings], s => Assert.Equal("synchronous=1 busy_timeout=5000 foreign_keys=1 wal_autocheckpoint=10000", s));
    }

    [Fact]
    public async Task AConnection_CarriesNoneOfEfCoresFunctions_AndStillSavesAndQueries()
    {
        DatabaseSettings settings = DatabaseSettings.Parse(null, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        await using VigilDbContext db = VigilDatabase.CreateContext(settings);
        db.Users.Add(new UserRecord { Id = "u1", UserName = "ana", NormalizedUserName = "ANA", PasswordHash = "h", SecurityStamp = "s" });
        await db.SaveChangesAsync();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();

        // EF's provider would have registered these (and re-registered them on every open, each with a handle left to the finalizer).
        foreach (string function in new[] { "regexp('a', 'a')", "ef_compare(1, 2)", "ef_add(1, 2)" })
        {
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT {function};";
            SqliteException error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteScalarAsync());
            Assert.Contains("no such function", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(["ana"], await db.Users.Where(u => u.NormalizedUserName.StartsWith("AN")).Select(u => u.UserName).ToListAsync());
    }

    [Fact]
    public void TheModel_HasNoDecimals_WhoseQueriesWouldNeedEfCoresFunctionsOnSqlite()
    {
        using VigilDbContext db = VigilDatabase.CreateContext(DatabaseSettings.Parse(null, _folder));
        string[] decimals = [.. db.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
            .Where(p => Nullable.GetUnderlyingType(p.ClrType) == typeof(decimal) || p.ClrType == typeof(decimal))
            .Select(p => $"{p.DeclaringType.DisplayName()}.{p.Name}")];
        Assert.True(decimals.Length == 0, $"decimal properties ({string.Join(", ", decimals)}) need EF's SQLite functions, which SqliteConnections leaves out (ADR 012)");
    }

    private static async Task<(object Handle, string Settings)> OpenAndReadAsync(DatabaseSettings settings)
    {
        await using VigilDbContext db = VigilDatabase.CreateContext(settings);
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        string read = $"synchronous={await ReadAsync(connection, "synchronous")} busy_timeout={await ReadAsync(connection, "busy_timeout")} foreign_keys={await ReadAsync(connection, "foreign_keys")} wal_autocheckpoint={await ReadAsync(connection, "wal_autocheckpoint")}";
        return (connection.Handle!, read);
    }

    private static async Task<long> ReadAsync(SqliteConnection connection, string pragma)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

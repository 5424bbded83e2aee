using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Rules;

namespace Vigil.Data.Tests;

/// <summary>Migrations and storage behave the same on SQLite and PostgreSQL.</summary>
public sealed class VigilDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-data-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_CreatesTheWholeModel_WithNothingLeftUnmigrated(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        DatabaseSettings settings = DatabaseSettings.Parse(database.ConnectionString, _folder);

        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);

        await using VigilDbContext db = VigilDatabase.CreateContext(settings);
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes that no migration covers: run 'dotnet ef migrations add' for both contexts");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Alerts.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Alerts_RoundTripTimesAsUtc_AndFilterAndSortByTime(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        DatabaseSettings settings = DatabaseSettings.Parse(database.ConnectionString, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        var quito = TimeSpan.FromHours(-5);
        DateTimeOffset[] opened =
        [
            new(2026, 11, 27, 8, 0, 0, quito),
            new(2026, 11, 27, 12, 30, 0, TimeSpan.Zero),
            new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero),
        ];
        await using (VigilDbContext db = VigilDatabase.CreateContext(settings))
        {
            for (int i = 0; i < opened.Length; i++)
            {
                db.Alerts.Add(new AlertRecord
                {
                    Id = $"{i:D32}",
                    CameraId = "c",
                    RuleId = "r",
                    Kind = RuleKind.Dwell,
                    Severity = Severity.Info,
                    State = AlertState.New,
                    OpenedAt = opened[i].ToUniversalTime(),
                    UpdatedAt = opened[i].ToUniversalTime(),
                });
            }

            await db.SaveChangesAsync();
        }

        await using VigilDbContext read = VigilDatabase.CreateContext(settings);
        DateTimeOffset from = new(2026, 11, 27, 13, 0, 0, TimeSpan.Zero);
        List<AlertRecord> since = await read.Alerts.Where(a => a.OpenedAt >= from).OrderBy(a => a.OpenedAt).ToListAsync();

        // 08:00 in Quito is 13:00 UTC: after 12:30 UTC, before 14:00 UTC.
        Assert.Equal([$"{0:D32}", $"{2:D32}"], since.Select(a => a.Id));
        Assert.Equal(opened[0], since[0].OpenedAt);
        Assert.Equal(TimeSpan.Zero, since[0].OpenedAt.Offset);
    }

    [Fact]
    public async Task Sqlite_UsesWriteAheadLogging()
    {
        DatabaseSettings settings = DatabaseSettings.Parse(null, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);

        await using VigilDbContext db = VigilDatabase.CreateContext(settings);
        DbConnection connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        Assert.True(File.Exists(Path.Combine(_folder, DatabaseSettings.DefaultFileName)));
    }
}

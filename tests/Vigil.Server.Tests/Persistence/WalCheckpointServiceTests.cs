using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vigil.Data;
using Vigil.Server.Persistence;

namespace Vigil.Server.Tests.Persistence;

/// <summary>The server's write-ahead-log passes tell the operator when a reader keeps the log from being copied.</summary>
public sealed class WalCheckpointServiceTests : IAsyncLifetime
{
    private ScratchSqlite _database = null!;

    private DatabaseSettings Settings => _database.Settings;

    public async Task InitializeAsync() => _database = await ScratchSqlite.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AReaderHoldingTheLogBack_IsWarnedAboutOnce_AndTheNextPassesCopyItAfterItEnds()
    {
        await using var reader = new SqliteConnection(Settings.ConnectionString);
        await reader.OpenAsync();
        await ScratchSqlite.ExecuteAsync(reader, "BEGIN; SELECT count(*) FROM users;"); // a read transaction left open
        await using (VigilDbContext db = VigilDatabase.CreateContext(Settings))
        {
            await db.Database.OpenConnectionAsync();
            var writer = (SqliteConnection)db.Database.GetDbConnection();
            await ScratchSqlite.ExecuteAsync(writer, "CREATE TABLE filler (b BLOB);");
            for (int i = 0; i < 900; i++)
            {
                await ScratchSqlite.ExecuteAsync(writer, "INSERT INTO filler VALUES (zeroblob(12000));"); // a few pages each
            }
        }

        var logger = new ListLogger<WalCheckpointService>();
        using var service = new WalCheckpointService(new VigilDbContextFactory(Settings), TimeProvider.System, logger);
        await service.StartAsync(CancellationToken.None);
        long passes = await WaitAsync(() => service.Passes >= 3, service, "three passes with the reader on the log");
        int heldBack = service.PendingFrames;
        await ScratchSqlite.ExecuteAsync(reader, "COMMIT;");
        await WaitAsync(() => service.Passes > passes && service.PendingFrames == 0, service, "a pass after the reader ended");
        await service.StopAsync(CancellationToken.None);

        Assert.True(heldBack >= WalCheckpointService.PendingWarning, $"the reader held back {heldBack} page(s)");
        (LogLevel level, string message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("readers keep from being copied", message, StringComparison.Ordinal);
        Assert.Equal(0, service.Failures);
    }

    private static async Task<long> WaitAsync(Func<bool> condition, WalCheckpointService service, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"timed out waiting for {what} ({service.Passes} pass(es), {service.PendingFrames} page(s) held back)");
            await Task.Delay(50);
        }

        return service.Passes;
    }

}

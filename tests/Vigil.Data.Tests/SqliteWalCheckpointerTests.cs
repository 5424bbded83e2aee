using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vigil.Data.Entities;

namespace Vigil.Data.Tests;

/// <summary>
/// Commits leave SQLite's write-ahead log to the checkpointer, which copies it into the database
/// file without waiting for readers: what a reader still needs waits for the next pass.
/// </summary>
public sealed class SqliteWalCheckpointerTests : IAsyncLifetime
{
    private ScratchSqlite _database = null!;

    private DatabaseSettings Settings => _database.Settings;

    public async Task InitializeAsync() => _database = await ScratchSqlite.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Commits_LeaveTheLogPastSqlitesUsualSize_ToTheCheckpointer_WhichCopiesAllOfIt()
    {
        await using var checkpointer = new SqliteWalCheckpointer(Settings);
        await checkpointer.CheckpointAsync(CancellationToken.None);

        // A few pages per commit: well past the 1,000 pages at which a commit would otherwise copy the log itself.
        await SaveUsersAsync("a", 600);
        WalCheckpoint first = await checkpointer.CheckpointAsync(CancellationToken.None);
        await SaveUsersAsync("b", 5);
        WalCheckpoint next = await checkpointer.CheckpointAsync(CancellationToken.None);

        Assert.True(first.LogFrames > 1_000, $"the log held {first.LogFrames} page(s): a commit copied it on the way");
        Assert.True(first.LogFrames < SqliteWalCheckpointer.BackstopPages);
        Assert.Equal(first.LogFrames, first.CheckpointedFrames);
        Assert.Equal(0, first.Pending);

        // Copied in full, so the next commit starts the log again from its beginning: the file does not grow.
        Assert.InRange(next.LogFrames, 1, 50);
        Assert.Equal(0, next.Pending);
        Assert.Equal(605, await CountUsersAsync());
    }

    [Fact]
    public async Task APass_DoesNotWaitForAReader_AndLeavesWhatTheReaderNeedsForTheNextPass()
    {
        await using var checkpointer = new SqliteWalCheckpointer(Settings);
        await SaveUsersAsync("a", 20);
        await using var reader = new SqliteConnection(Settings.ConnectionString);
        await reader.OpenAsync();
        await using SqliteCommand read = reader.CreateCommand();
        read.CommandText = "BEGIN; SELECT count(*) FROM users;"; // a read transaction: its snapshot lasts until it ends
        Assert.Equal(20L, await read.ExecuteScalarAsync());

        await SaveUsersAsync("b", 20);
        WalCheckpoint heldBack = await checkpointer.CheckpointAsync(CancellationToken.None);
        read.CommandText = "COMMIT;";
        await read.ExecuteNonQueryAsync();
        WalCheckpoint after = await checkpointer.CheckpointAsync(CancellationToken.None);

        Assert.True(heldBack.Pending > 0, "the reader's snapshot still needs the pages the later commits replace");
        Assert.True(heldBack.CheckpointedFrames > 0, "what the reader does not need was copied");
        Assert.Equal(0, after.Pending);
        Assert.Equal(40, await CountUsersAsync());
    }

    [Fact]
    public void APostgreSqlDatabase_HasNoLogToCheckpoint()
    {
        var postgres = DatabaseSettings.Parse("Host=localhost;Database=vigil", Path.GetTempPath());

        ArgumentException error = Assert.Throws<ArgumentException>(() => new SqliteWalCheckpointer(postgres));

        Assert.Contains("SQLite", error.Message, StringComparison.Ordinal);
    }

    private async Task SaveUsersAsync(string prefix, int count)
    {
        for (int i = 0; i < count; i++)
        {
            await using VigilDbContext db = VigilDatabase.CreateContext(Settings);
            string name = $"{prefix}{i}";
            db.Users.Add(new UserRecord { Id = name, UserName = name, NormalizedUserName = name.ToUpperInvariant(), PasswordHash = "h", SecurityStamp = "s" });
            await db.SaveChangesAsync();
        }
    }

    private async Task<int> CountUsersAsync()
    {
        await using VigilDbContext db = VigilDatabase.CreateContext(Settings);
        return await db.Users.CountAsync();
    }
}

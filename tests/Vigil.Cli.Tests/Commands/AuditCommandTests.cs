using Microsoft.Data.Sqlite;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Domain.Audit;

namespace Vigil.Cli.Tests.Commands;

public sealed class AuditCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Verify_IntactLog_ExitsZero_TamperedLog_NamesTheEntryAndExitsOne()
    {
        string data = Path.Combine(_cli.Root, "data");
        DatabaseSettings settings = DatabaseSettings.Parse(null, data);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        var log = new AuditLog(TimeProvider.System);
        for (int i = 0; i < 5; i++)
        {
            await using VigilDbContext db = VigilDatabase.CreateContext(settings);
            await log.AppendAsync(db, "ana", AuditActions.SnapshotViewed, $"alert/{i}", null, CancellationToken.None);
        }

        int intact = await _cli.RunAsync(["audit", "verify", "--data", data]);
        Assert.Equal(0, intact);
        Assert.Contains("5 audit entries checked", _cli.Output, StringComparison.Ordinal);

        await using (var connection = new SqliteConnection(settings.ConnectionString))
        {
            await connection.OpenAsync();
            await using SqliteCommand edit = connection.CreateCommand();
            edit.CommandText = "UPDATE audit_entries SET Actor = 'someone else' WHERE Sequence = 2";
            await edit.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        int broken = await _cli.RunAsync(["audit", "verify", "--data", data]);
        Assert.Equal(1, broken);
        Assert.Contains("vigil: error: audit log broken at entry #2", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ThenVerifyOffline_WithThePublishedKey()
    {
        string data = Path.Combine(_cli.Root, "data");
        DatabaseSettings settings = DatabaseSettings.Parse(null, data);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(data, "keys"));
        {
            var log = new AuditLog(TimeProvider.System, signer, checkpointEvery: 3);
            for (int i = 0; i < 7; i++)
            {
                await using VigilDbContext db = VigilDatabase.CreateContext(settings);
                await log.AppendAsync(db, "ana", AuditActions.LiveViewOpened, "camera/lobby", null, CancellationToken.None);
            }
        }

        string key = Path.Combine(_cli.Root, "published.pem");
        await File.WriteAllTextAsync(key, signer.PublicKeyPem);
        string export = Path.Combine(_cli.Root, "period.jsonl");

        int exported = await _cli.RunAsync(["audit", "export", "--data", data, "--from", "2000-01-01", "--to", "2100-01-01", "--out", export]);
        int verified = await _cli.RunAsync(["audit", "verify", "--export", export, "--public-key", key]);

        Assert.Equal(0, exported);
        Assert.Equal(0, verified);
        Assert.Contains("7 audit entries checked, 2 signed checkpoint(s) verified", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WithoutADatabase_SaysWhereItLooked()
    {
        int exit = await _cli.RunAsync(["audit", "verify", "--data", Path.Combine(_cli.Root, "nowhere")]);

        Assert.Equal(1, exit);
        Assert.Contains("no database at SQLite", _cli.Error, StringComparison.Ordinal);
    }
}

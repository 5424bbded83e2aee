using Microsoft.EntityFrameworkCore;
using Vigil.Data.Audit;
using Vigil.Domain.Audit;

namespace Vigil.Data.Tests.Audit;

/// <summary>Tampering with the stored audit log, on SQLite and PostgreSQL, is found and the entry named.</summary>
public sealed class AuditVerifierTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-audit-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static IEnumerable<object?[]> Tampering()
    {
        foreach (object[] provider in TestDatabase.Providers)
        {
            yield return [provider[0], null, null];
            yield return [provider[0], "UPDATE audit_entries SET \"Detail\" = 'nothing to see' WHERE \"Sequence\" = 4", 4L];
            yield return [provider[0], "UPDATE audit_entries SET \"At\" = (SELECT \"At\" FROM audit_entries WHERE \"Sequence\" = 9) WHERE \"Sequence\" = 5", 5L];
            yield return [provider[0], "DELETE FROM audit_entries WHERE \"Sequence\" = 6", 6L];
            yield return [provider[0], "UPDATE audit_entries SET \"Sequence\" = -3 WHERE \"Sequence\" = 3; UPDATE audit_entries SET \"Sequence\" = 3 WHERE \"Sequence\" = 7; UPDATE audit_entries SET \"Sequence\" = 7 WHERE \"Sequence\" = -3", 3L];
        }
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Verify_FindsTheFirstTamperedEntry(string provider, string? tamper, long? brokenAt)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        DatabaseSettings settings = DatabaseSettings.Parse(database.ConnectionString, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        var log = new AuditLog(TimeProvider.System);
        for (int i = 1; i <= 10; i++)
        {
            await using VigilDbContext db = VigilDatabase.CreateContext(settings);
            await log.AppendAsync(db, i % 2 == 0 ? "ana" : "luis", AuditActions.AlertAcknowledged, $"alert/{i:D32}", $"note {i}", CancellationToken.None);
        }

        if (tamper is not null)
        {
            await using VigilDbContext db = VigilDatabase.CreateContext(settings);
            await db.Database.ExecuteSqlRawAsync(tamper);
        }

        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        AuditVerification result = await AuditVerifier.VerifyAsync(check, CancellationToken.None);

        Assert.Equal(brokenAt, result.BrokenAt);
        Assert.Equal(brokenAt is null ? 10 : brokenAt - 1, result.Checked);
        if (brokenAt is not null)
        {
            Assert.Contains($"#{brokenAt}", result.Problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoHosts_AppendingToOneDatabaseAtOnce_KeepOneIntactChain(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        DatabaseSettings settings = DatabaseSettings.Parse(database.ConnectionString, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(_folder, "keys"));
        // Two AuditLog instances stand for two hosts: nothing is shared between them but the database.
        var siteA = new AuditLog(TimeProvider.System, signer, checkpointEvery: 7);
        var siteB = new AuditLog(TimeProvider.System, signer, checkpointEvery: 7);

        await Task.WhenAll(AppendManyAsync(siteA, "north", settings), AppendManyAsync(siteB, "south", settings));

        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        Assert.Equal(60, await check.AuditEntries.CountAsync());
        using System.Security.Cryptography.ECDsa key = AuditSigner.PublicKeyFromPem(signer.PublicKeyPem);
        AuditVerification result = await AuditVerifier.VerifyAsync(check, key, null, CancellationToken.None);
        Assert.True(result.IsIntact, result.Problem);
        Assert.True(result.CheckpointsVerified >= 8, $"{result.CheckpointsVerified} checkpoints");
    }

    private static Task AppendManyAsync(AuditLog log, string site, DatabaseSettings settings) =>
        Task.WhenAll(Enumerable.Range(0, 3).Select(desk => Task.Run(async () =>
        {
            // Three desks per site at once, so a site's saves also queue (and on PostgreSQL share commits) while the other site appends.
            for (int i = 0; i < 10; i++)
            {
                await using VigilDbContext db = VigilDatabase.CreateContext(settings);
                await log.AppendAsync(db, site, AuditActions.SignIn, $"desk/{desk}", null, CancellationToken.None);
            }
        })));

    [Fact]
    public async Task Append_WhenTheActionFails_LeavesNoEntry_AndTheChainGoesOn()
    {
        DatabaseSettings settings = DatabaseSettings.Parse(null, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        var log = new AuditLog(TimeProvider.System);
        await using (VigilDbContext db = VigilDatabase.CreateContext(settings))
        {
            await log.AppendAsync(db, "ana", AuditActions.SignIn, null, null, CancellationToken.None);
        }

        await using (VigilDbContext db = VigilDatabase.CreateContext(settings))
        {
            // A user whose unique name already exists: the action fails, so must its entry.
            db.Users.Add(new Entities.UserRecord { Id = "a", UserName = "x", NormalizedUserName = "X", PasswordHash = "h", SecurityStamp = "s" });
            db.Users.Add(new Entities.UserRecord { Id = "b", UserName = "x", NormalizedUserName = "X", PasswordHash = "h", SecurityStamp = "s" });
            await Assert.ThrowsAsync<DbUpdateException>(() => log.SaveWithAsync(db, "admin", AuditActions.UserCreated, "user/a", null, CancellationToken.None));
        }

        await using (VigilDbContext db = VigilDatabase.CreateContext(settings))
        {
            await log.AppendAsync(db, "ana", AuditActions.SignIn, null, null, CancellationToken.None);
        }

        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        Assert.Equal(2, await check.AuditEntries.CountAsync());
        Assert.Equal(0, await check.Users.CountAsync());
        Assert.True((await AuditVerifier.VerifyAsync(check, CancellationToken.None)).IsIntact);
    }
}

using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;

namespace Vigil.Data.Tests.Audit;

/// <summary>
/// What only signed checkpoints catch: entries cut from the end, and a chain rewritten by someone
/// who recomputed every hash (even the stored checkpoints' hashes) but cannot sign.
/// </summary>
public sealed class AuditCheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-checkpoint-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static IEnumerable<object[]> Scenarios() =>
        TestDatabase.Providers.SelectMany(p => new[] { new[] { p[0], "intact" }, [p[0], "truncated"], [p[0], "rewritten"], [p[0], "other-key"] });

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Verify_WithThePublicKey_CatchesWhatTheChainAloneCannot(string provider, string scenario)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        DatabaseSettings settings = DatabaseSettings.Parse(database.ConnectionString, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(_folder, "keys"));
        {
            var log = new AuditLog(TimeProvider.System, signer, checkpointEvery: 5);
            for (int i = 1; i <= 12; i++)
            {
                await using VigilDbContext db = VigilDatabase.CreateContext(settings);
                await log.AppendAsync(db, "ana", AuditActions.SnapshotViewed, $"alert/{i}", null, CancellationToken.None);
            }
        }

        await using (VigilDbContext db = VigilDatabase.CreateContext(settings))
        {
            long[] checkpoints = await db.AuditCheckpoints.OrderBy(c => c.Sequence).Select(c => c.Sequence).ToArrayAsync();
            Assert.Equal(new long[] { 5, 10 }, checkpoints);
            switch (scenario)
            {
                case "truncated":
                    await db.AuditEntries.Where(e => e.Sequence >= 8).ExecuteDeleteAsync();
                    break;
                case "rewritten":
                    await RewriteFromAsync(db, 2);
                    break;
                case "other-key":
                    using (AuditSigner forger = AuditSigner.LoadOrCreate(Path.Combine(_folder, "forged")))
                    {
                        await RewriteFromAsync(db, 2, forger);
                    }

                    break;
            }
        }

        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        using ECDsa publicKey = AuditSigner.PublicKeyFromPem(signer.PublicKeyPem);
        AuditVerification result = await AuditVerifier.VerifyAsync(check, publicKey, null, CancellationToken.None);

        (long? brokenAt, string? says) = scenario switch
        {
            "truncated" => (8L, "removed from the end"),
            "rewritten" or "other-key" => (5L, "valid signature"),
            _ => ((long?)null, (string?)null),
        };
        Assert.Equal(brokenAt, result.BrokenAt);
        if (says is null)
        {
            Assert.Equal((12L, 2), (result.Checked, result.CheckpointsVerified));
        }
        else
        {
            Assert.Contains(says, result.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verify_AgainstAnAnchorKeptOutside_CatchesARewriteEvenWithoutTheKey()
    {
        DatabaseSettings settings = DatabaseSettings.Parse(null, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(_folder, "keys"));
        {
            var log = new AuditLog(TimeProvider.System, signer, checkpointEvery: 4);
            for (int i = 1; i <= 6; i++)
            {
                await using VigilDbContext db = VigilDatabase.CreateContext(settings);
                await log.AppendAsync(db, "ana", AuditActions.SignIn, null, null, CancellationToken.None);
            }
        }

        AuditCheckpoint anchor;
        await using (VigilDbContext db = VigilDatabase.CreateContext(settings))
        {
            anchor = (await db.AuditCheckpoints.SingleAsync()).ToCheckpoint();
            await RewriteFromAsync(db, 1);
        }

        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        AuditVerification withoutAnchor = await AuditVerifier.VerifyAsync(check, CancellationToken.None);
        AuditVerification withAnchor = await AuditVerifier.VerifyAsync(check, null, anchor, CancellationToken.None);

        Assert.True(withoutAnchor.IsIntact, "a full rewrite is self-consistent: that is why checkpoints are published");
        Assert.Equal(4, withAnchor.BrokenAt);
        Assert.Contains("rewritten", withAnchor.Problem, StringComparison.Ordinal);
    }

    /// <summary>What an attacker with database access can do: change an entry and recompute every hash after it (and re-sign with their own key, if given).</summary>
    private static async Task RewriteFromAsync(VigilDbContext db, long from, AuditSigner? forger = null)
    {
        List<AuditEntryRecord> entries = await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
        string previous = AuditChain.Genesis;
        foreach (AuditEntryRecord e in entries)
        {
            if (e.Sequence == from)
            {
                e.Actor = "nobody";
            }

            e.PreviousHash = previous;
            e.Hash = AuditChain.Hash(previous, e.ToEntry());
            previous = e.Hash;
        }

        foreach (AuditCheckpointRecord c in await db.AuditCheckpoints.ToListAsync())
        {
            c.Hash = entries.Single(e => e.Sequence == c.Sequence).Hash;
            if (forger is not null)
            {
                AuditCheckpoint forged = forger.Sign(c.Sequence, c.Hash, c.At);
                c.Signature = forged.Signature;
                c.KeyId = forged.KeyId;
            }
        }

        await db.SaveChangesAsync();
    }
}

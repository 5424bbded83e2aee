using System.Security.Cryptography;
using System.Text;
using Vigil.Data.Audit;
using Vigil.Domain.Audit;

namespace Vigil.Data.Tests.Audit;

/// <summary>An exported period verifies offline against the published key, and edits to the file are found.</summary>
public sealed class AuditExportTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-export-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(null, null)]
    [InlineData("\"detail\":\"note 9\"", 9L)]
    [InlineData("DELETE 11", 11L)]
    public async Task Export_WidenedToCheckpoints_VerifiesOffline_AndEditsAreFound(string? edit, long? brokenAt)
    {
        DatabaseSettings settings = DatabaseSettings.Parse(null, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(_folder, "keys"));
        var clock = new StepClock(s_start);
        {
            var log = new AuditLog(clock, signer, checkpointEvery: 5);
            for (int i = 1; i <= 20; i++)
            {
                await using VigilDbContext db = VigilDatabase.CreateContext(settings);
                await log.AppendAsync(db, "ana", AuditActions.AlertDismissed, $"alert/{i}", $"note {i}", CancellationToken.None);
            }
        }

        // Entries 7 to 12 were written in this period; the export widens it to checkpoints 5 and 15.
        using var file = new MemoryStream();
        await using (VigilDbContext db = VigilDatabase.CreateContext(settings))
        {
            int written = await AuditExport.WriteAsync(db, s_start.AddMinutes(7), s_start.AddMinutes(13), signer.PublicKeyPem, file, CancellationToken.None);
            Assert.Equal(10, written);
        }

        string text = Encoding.UTF8.GetString(file.ToArray());
        if (edit is { } e && e.StartsWith("DELETE ", StringComparison.Ordinal))
        {
            text = string.Join('\n', text.Split('\n').Where(l => !l.Contains($"\"sequence\":{e[7..]},", StringComparison.Ordinal)));
        }
        else if (edit is not null)
        {
            text = text.Replace(edit, "\"detail\":\"nothing happened\"", StringComparison.Ordinal);
        }

        using ECDsa key = AuditSigner.PublicKeyFromPem(signer.PublicKeyPem);
        AuditVerification result = await AuditExport.VerifyAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), key, CancellationToken.None);

        Assert.Equal(brokenAt, result.BrokenAt);
        if (brokenAt is null)
        {
            Assert.Equal((10L, 3), (result.Checked, result.CheckpointsVerified));
        }
    }

    /// <summary>Each reading is a minute after the previous one.</summary>
    private sealed class StepClock(DateTimeOffset start) : TimeProvider
    {
        private int _calls;

        public override DateTimeOffset GetUtcNow() => start.AddMinutes(Interlocked.Increment(ref _calls));
    }
}

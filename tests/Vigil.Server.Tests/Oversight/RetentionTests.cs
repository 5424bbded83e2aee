using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Cameras;
using Vigil.Server.Alerts;
using Vigil.Server.Evidence;
using Vigil.Server.Oversight;
using Vigil.Server.Pipelines;
using Vigil.Server.Recordings;
using Vigil.Server.Sensors;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Oversight;

/// <summary>Media goes when its camera's retention ends, unless evidence holds it; every deletion is audited.</summary>
public sealed class RetentionTests() : HostedServerTest
{
    // Far in the future, so the host's own sweeper (on the real clock) never touches these rows.
    private static readonly DateTimeOffset s_now = new(2036, 3, 1, 12, 0, 0, TimeSpan.Zero);
    [Fact]
    public async Task Sweep_DeletesExpiredMedia_KeepsHeldMediaUntilTheHoldEnds()
    {
        // The demo cameras: campus-path keeps media 72 h, lobby 24 h.
        AlertRecord expired = await SeedAsync("campus-path", TimeSpan.FromHours(80));
        AlertRecord fresh = await SeedAsync("campus-path", TimeSpan.FromHours(10));
        AlertRecord lobbyExpired = await SeedAsync("lobby", TimeSpan.FromHours(30));
        AlertRecord heldOpen = await SeedAsync("campus-path", TimeSpan.FromHours(100), hold: (null, true));
        AlertRecord heldTwoMoreHours = await SeedAsync("campus-path", TimeSpan.FromHours(100), hold: (TimeSpan.FromHours(1), true));
        AlertRecord holdEnded = await SeedAsync("campus-path", TimeSpan.FromHours(100), hold: (TimeSpan.FromHours(-1), true));
        var clock = new ManualClock(s_now);
        var sweeper = new RetentionSweeper(
            Factory.Services.GetRequiredService<IDbContextFactory<VigilDbContext>>(),
            Factory.Services.GetRequiredService<CameraRegistry>(),
            Factory.Services.GetRequiredService<SnapshotStore>(),
            Factory.Services.GetRequiredService<RecordingStore>(),
            Factory.Services.GetRequiredService<EvidenceService>(),
            Factory.Services.GetRequiredService<SensorRegistry>(),
            Factory.Services.GetRequiredService<AuditLog>(),
            clock);

        int first = await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(3, first);
        await AssertMediaAsync(gone: [expired, lobbyExpired, holdEnded], kept: [fresh, heldOpen, heldTwoMoreHours]);

        clock.Advance(TimeSpan.FromHours(2));
        int second = await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(1, second);
        await AssertMediaAsync(gone: [heldTwoMoreHours], kept: [fresh, heldOpen]);
        await using VigilDbContext db = Factory.OpenDatabase();
        string[] audited = await db.AuditEntries.Where(e => e.Action == "media-deleted").OrderBy(e => e.Sequence)
            .Select(e => e.Target + ": " + e.Detail).ToArrayAsync();
        Assert.Collection(
            audited,
            e => Assert.StartsWith("camera/campus-path: 2 snapshot(s)", e, StringComparison.Ordinal),
            e => Assert.StartsWith("camera/lobby: 1 snapshot(s)", e, StringComparison.Ordinal),
            e => Assert.StartsWith("camera/campus-path: 1 snapshot(s)", e, StringComparison.Ordinal));
        Assert.All(audited, e => Assert.Contains("retention", e, StringComparison.Ordinal));
        Assert.True((await AuditVerifier.VerifyAsync(db, CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task Sweep_DeletesRecordingSegmentsPastTheirRetention_RowThenFile_Audited()
    {
        // The demo cameras keep their continuous recordings 1 day (record.retain in config/demo.yaml).
        RecordingStore recordings = Factory.Services.GetRequiredService<RecordingStore>();
        RecordingSegmentRecord old = await SeedSegmentAsync(recordings, "campus-path", TimeSpan.FromDays(1.5));
        RecordingSegmentRecord recent = await SeedSegmentAsync(recordings, "campus-path", TimeSpan.FromHours(20));
        var sweeper = new RetentionSweeper(
            Factory.Services.GetRequiredService<IDbContextFactory<VigilDbContext>>(),
            Factory.Services.GetRequiredService<CameraRegistry>(),
            Factory.Services.GetRequiredService<SnapshotStore>(),
            recordings,
            Factory.Services.GetRequiredService<EvidenceService>(),
            Factory.Services.GetRequiredService<SensorRegistry>(),
            Factory.Services.GetRequiredService<AuditLog>(),
            new ManualClock(s_now));

        await sweeper.SweepAsync(CancellationToken.None);

        Assert.False(File.Exists(recordings.PathOf(old.File)));
        Assert.True(File.Exists(recordings.PathOf(recent.File)));
        await using VigilDbContext db = Factory.OpenDatabase();
        Assert.Equal([recent.Id], await db.RecordingSegments.Select(r => r.Id).ToArrayAsync());
        string audited = await db.AuditEntries.Where(e => e.Action == "media-deleted" && e.Target == "camera/campus-path").Select(e => e.Detail!).SingleAsync();
        Assert.StartsWith("1 continuous recording segment(s)", audited, StringComparison.Ordinal);
        Assert.Contains("record.retain 1 days", audited, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordingLeftovers_HalfWrittenOrUnindexedFilesAndRowsWithoutAFile_AreSweptAtStart()
    {
        RecordingStore recordings = Factory.Services.GetRequiredService<RecordingStore>();
        RecordingSegmentRecord kept = await SeedSegmentAsync(recordings, "lobby", TimeSpan.FromMinutes(1));
        RecordingSegmentRecord lost = await SeedSegmentAsync(recordings, "lobby", TimeSpan.FromMinutes(2));
        File.Delete(recordings.PathOf(lost.File)!);
        string partial = recordings.PathOf("lobby/2036-03-01/11/59.58.000.mp4")! + ".partial";
        string unindexed = recordings.PathOf("lobby/2036-03-01/11/59.59.000.mp4")!;
        await File.WriteAllBytesAsync(partial, [0, 0, 0, 24]);
        await File.WriteAllBytesAsync(unindexed, [0, 0, 0, 24]);

        (int files, int rows) = await recordings.SweepLeftoversAsync(CancellationToken.None);

        Assert.Equal((2, 1), (files, rows));
        Assert.False(File.Exists(partial));
        Assert.False(File.Exists(unindexed));
        Assert.True(File.Exists(recordings.PathOf(kept.File)));
        await using VigilDbContext db = Factory.OpenDatabase();
        Assert.Equal([kept.Id], await db.RecordingSegments.Select(r => r.Id).ToArrayAsync());
    }

    private Task<RecordingSegmentRecord> SeedSegmentAsync(RecordingStore recordings, string camera, TimeSpan endedAgo, FootageKind kind = FootageKind.Continuous)
        => TestSegments.SeedAsync(Factory, recordings, camera, s_now - endedAgo, kind);

    [Fact]
    public async Task Sweep_DeletesSnapshotFilesNoAlertRefersTo_OnceTheyAreOld_AndAuditsIt()
    {
        AlertRecord kept = await SeedAsync("campus-path", TimeSpan.FromHours(1));
        string root = Path.Combine(Factory.DataDirectory, "media", "snapshots");
        string orphan = Path.Combine(root, "campus-path", $"{Guid.NewGuid():N}.jpg");
        string partial = Path.Combine(root, "lobby", $"{Guid.NewGuid():N}.jpg.partial");
        string inFlight = Path.Combine(root, "campus-path", $"{Guid.NewGuid():N}.jpg");
        foreach (string file in new[] { orphan, partial, inFlight })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, [0xFF, 0xD8, 0xFF, 0xD9]);
        }

        // The leftovers are an hour old; the in-flight one (its alert not committed yet) was just written.
        DateTime now = TimeProvider.System.GetUtcNow().UtcDateTime;
        File.SetLastWriteTimeUtc(orphan, now.AddHours(-1));
        File.SetLastWriteTimeUtc(partial, now.AddHours(-1));
        File.SetLastWriteTimeUtc(FileOf(kept), now.AddHours(-1));
        var sweeper = new RetentionSweeper(
            Factory.Services.GetRequiredService<IDbContextFactory<VigilDbContext>>(),
            Factory.Services.GetRequiredService<CameraRegistry>(),
            Factory.Services.GetRequiredService<SnapshotStore>(),
            Factory.Services.GetRequiredService<RecordingStore>(),
            Factory.Services.GetRequiredService<EvidenceService>(),
            Factory.Services.GetRequiredService<SensorRegistry>(),
            Factory.Services.GetRequiredService<AuditLog>(),
            TimeProvider.System);

        Assert.Equal(2, await sweeper.SweepAsync(CancellationToken.None));

        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(partial));
        Assert.True(File.Exists(inFlight), "a fresh file may belong to an alert being written");
        Assert.True(File.Exists(FileOf(kept)), "a file an alert refers to stays until its retention ends");
        await using VigilDbContext db = Factory.OpenDatabase();
        string detail = await db.AuditEntries.Where(e => e.Action == "media-deleted" && e.Target == "snapshots").Select(e => e.Detail!).SingleAsync();
        Assert.StartsWith("2 snapshot file(s) that no alert refers to", detail, StringComparison.Ordinal);
    }

    private async Task AssertMediaAsync(AlertRecord[] gone, AlertRecord[] kept)
    {
        await using VigilDbContext db = Factory.OpenDatabase();
        foreach (AlertRecord a in gone)
        {
            Assert.False(File.Exists(FileOf(a)), $"{a.CameraId} alert from {a.OpenedAt:u}: the file should be gone");
            Assert.Null((await db.Alerts.SingleAsync(x => x.Id == a.Id)).Snapshot);
        }

        foreach (AlertRecord a in kept)
        {
            Assert.True(File.Exists(FileOf(a)), $"{a.CameraId} alert from {a.OpenedAt:u}: the file should be kept");
            Assert.NotNull((await db.Alerts.SingleAsync(x => x.Id == a.Id)).Snapshot);
        }
    }

    private async Task<AlertRecord> SeedAsync(string camera, TimeSpan age, (TimeSpan? Until, bool Held) hold = default)
    {
        AlertRecord alert = TestAlerts.New(camera: camera);
        alert.OpenedAt = s_now - age;
        alert.UpdatedAt = alert.OpenedAt;
        alert.Snapshot = $"{camera}/{alert.Id}.jpg";
        Directory.CreateDirectory(Path.GetDirectoryName(FileOf(alert))!);
        await File.WriteAllBytesAsync(FileOf(alert), [0xFF, 0xD8, 0xFF, 0xD9]);
        await Factory.SeedAsync(alert);
        if (hold.Held)
        {
            await using VigilDbContext db = Factory.OpenDatabase();
            db.EvidenceHolds.Add(new EvidenceHoldRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                AlertId = alert.Id,
                HeldBy = "incident/test",
                HeldAt = s_now - age,
                HoldUntil = hold.Until is { } until ? s_now + until : null,
            });
            await db.SaveChangesAsync();
        }

        return alert;
    }

    private string FileOf(AlertRecord a) => Path.Combine(Factory.DataDirectory, "media", "snapshots", a.Snapshot ?? $"{a.CameraId}/{a.Id}.jpg");
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vigil.Configuration;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Cameras;
using Vigil.Server.Hosting;
using Vigil.Server.Pipelines;
using Vigil.Server.Recordings;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Recordings;

/// <summary>
/// The storage guard keeps the free-space floor and the size caps by deleting the oldest footage
/// first, never held evidence, each deletion audited; when only evidence is left it pauses recording
/// and resumes it when space returns. The disk is a small one of the test's own: its capacity less
/// what the files under the recordings folder really take.
/// </summary>
public sealed class StorageGuardTests() : HostedServerTest
{
    private static readonly DateTimeOffset s_now = new(2036, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task UnderTheFloor_TheOldestUnheldFootageGoesFirst_HeldEvidenceStays_Audited()
    {
        RecordingStore recordings = Recordings;
        List<RecordingSegmentRecord> segments = await SeedSegmentsAsync("campus-path", 8, bytes: 100);
        await HoldAsync("campus-path", segments[0]);
        var disk = new SmallDisk(recordings.Root, capacity: 1000);
        StorageGuard guard = Guard(disk, new RecordingStorage { MinFreeBytes = 450 });

        StorageStatus status = await guard.CheckAsync(CancellationToken.None);

        // 800 bytes used, 200 free: 250 must go, three whole segments; the oldest is evidence and stays.
        Assert.Equal(StorageState.Trimmed, status.State);
        Assert.Equal(500, status.FreeBytes);
        Assert.Contains("free space", status.Message, StringComparison.Ordinal);
        await AssertKeptAsync(recordings, segments, gone: [1, 2, 3]);
        Assert.False(recordings.Space.Paused);
        string detail = await AuditedAsync("media-deleted");
        Assert.StartsWith("3 recording segment(s)", detail, StringComparison.Ordinal);
        Assert.Contains("none held as evidence: free space", detail, StringComparison.Ordinal);

        // Kept now: a second check deletes nothing more.
        Assert.Equal(500, (await guard.CheckAsync(CancellationToken.None)).FreeBytes);
        await AssertKeptAsync(recordings, segments, gone: [1, 2, 3]);
    }

    [Fact]
    public async Task ACameraOverItsCap_LosesItsOwnOldest_AndAllFootageOverTheOverallCap_TheOldestOfAny()
    {
        RecordingStore recordings = Recordings;
        List<RecordingSegmentRecord> lobby = await SeedSegmentsAsync("lobby", 5, bytes: 100);
        List<RecordingSegmentRecord> campus = await SeedSegmentsAsync("campus-path", 4, bytes: 100, offset: TimeSpan.FromMinutes(30));
        var disk = new SmallDisk(recordings.Root, capacity: 1_000_000);
        StorageGuard guard = Guard(disk, new RecordingStorage { MinFreeBytes = 0, MaxBytes = 500 }, capped: ("lobby", 300));

        await guard.CheckAsync(CancellationToken.None);

        // The lobby keeps 300 of its 500 bytes (its two oldest go), then 700 in all is 200 over the overall cap:
        // the oldest two of any camera (the lobby's, seeded earlier) go too.
        await AssertKeptAsync(recordings, lobby, gone: [0, 1, 2, 3]);
        await AssertKeptAsync(recordings, campus, gone: []);
        await using VigilDbContext db = Factory.OpenDatabase();
        string[] details = await db.AuditEntries.Where(e => e.Action == "media-deleted").OrderBy(e => e.Sequence).Select(e => e.Detail!).ToArrayAsync();
        Assert.Collection(
            details,
            d => Assert.Contains("camera lobby over its record.max_size", d, StringComparison.Ordinal),
            d => Assert.Contains("all footage over recordings.max_size", d, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenOnlyEvidenceIsLeft_RecordingPauses_AndResumesWhenSpaceReturns()
    {
        RecordingStore recordings = Recordings;
        List<RecordingSegmentRecord> segments = await SeedSegmentsAsync("campus-path", 3, bytes: 100);
        foreach (RecordingSegmentRecord segment in segments)
        {
            await HoldAsync("campus-path", segment);
        }

        var disk = new SmallDisk(recordings.Root, capacity: 400);
        StorageGuard guard = Guard(disk, new RecordingStorage { MinFreeBytes = 200 });
        var seen = new List<StorageState>();
        guard.Changed += s => seen.Add(s.State);

        StorageStatus paused = await guard.CheckAsync(CancellationToken.None);

        Assert.Equal(StorageState.Paused, paused.State);
        Assert.True(recordings.Space.Paused);
        Assert.Contains("held as evidence: recording is paused", paused.Message, StringComparison.Ordinal);
        await AssertKeptAsync(recordings, segments, gone: []);

        disk.Capacity = 10_000;
        StorageStatus resumed = await guard.CheckAsync(CancellationToken.None);

        Assert.Equal(StorageState.Ok, resumed.State);
        Assert.False(recordings.Space.Paused);
        Assert.Equal([StorageState.Paused, StorageState.Ok], seen);
        Assert.Contains("free space 0 GB", await AuditedAsync("recording-paused"), StringComparison.Ordinal);
        Assert.Contains("above recordings.min_free", await AuditedAsync("recording-resumed"), StringComparison.Ordinal);
        await using VigilDbContext db = Factory.OpenDatabase();
        Assert.True((await AuditVerifier.VerifyAsync(db, CancellationToken.None)).IsIntact);
    }

    private RecordingStore? _recordings;

    /// <summary>The host's folder and index, with a pause switch of the test's own (the host's guard runs on the real disk meanwhile).</summary>
    private RecordingStore Recordings => _recordings ??= new RecordingStore(
        Factory.Services.GetRequiredService<IOptions<ServerOptions>>(),
        Factory.Services.GetRequiredService<IDbContextFactory<VigilDbContext>>(),
        Factory.Services.GetRequiredService<AuditLog>(),
        TimeProvider.System);

    private StorageGuard Guard(IDiskSpace disk, RecordingStorage storage, (string Camera, long Bytes)? capped = null)
    {
        VigilConfig config = Factory.Services.GetRequiredService<VigilConfig>();
        if (capped is { } cap)
        {
            config = config with
            {
                Cameras = config.Cameras.Select(c => c.Id == cap.Camera ? c with { Recording = c.Recording with { MaxBytes = cap.Bytes } } : c).ToArray(),
            };
        }

        var clock = new ManualClock(s_now);
        return new StorageGuard(
            Factory.Services.GetRequiredService<IDbContextFactory<VigilDbContext>>(),
            new CameraRegistry(config, Factory.Services.GetRequiredService<IOptions<ServerOptions>>(), clock),
            Recordings,
            storage,
            disk,
            Factory.Services.GetRequiredService<AuditLog>(),
            NullLogger<StorageGuard>.Instance,
            clock);
    }

    /// <summary>Segments of 10 s, one after another, the first an hour before now (plus <paramref name="offset"/>).</summary>
    private async Task<List<RecordingSegmentRecord>> SeedSegmentsAsync(string camera, int count, int bytes, TimeSpan offset = default)
    {
        var rows = new List<RecordingSegmentRecord>();
        await using VigilDbContext db = Factory.OpenDatabase();
        for (int i = 0; i < count; i++)
        {
            DateTimeOffset start = s_now - TimeSpan.FromHours(1) + offset + TimeSpan.FromSeconds(10 * i);
            var row = new RecordingSegmentRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                CameraId = camera,
                File = $"{camera}/{start.UtcDateTime:yyyy-MM-dd}/{start.UtcDateTime:HH}/{start.UtcDateTime:mm.ss.fff}.mp4",
                StartedAt = start,
                EndedAt = start + TimeSpan.FromSeconds(10),
                Bytes = bytes,
                Sha256 = new string('0', 64),
                Kind = FootageKind.Event,
            };
            string path = Recordings.PathOf(row.File)!;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, new byte[bytes]);
            db.RecordingSegments.Add(row);
            rows.Add(row);
        }

        await db.SaveChangesAsync();
        return rows;
    }

    /// <summary>An alert whose clip is that segment, held by an open incident.</summary>
    private async Task HoldAsync(string camera, RecordingSegmentRecord segment)
    {
        AlertRecord alert = TestAlerts.New(camera: camera);
        alert.OpenedAt = segment.StartedAt + TimeSpan.FromSeconds(5);
        alert.UpdatedAt = alert.OpenedAt;
        alert.ClipFrom = segment.StartedAt + TimeSpan.FromSeconds(1);
        alert.ClipTo = segment.EndedAt - TimeSpan.FromSeconds(1);
        await Factory.SeedAsync(alert);
        await using VigilDbContext db = Factory.OpenDatabase();
        db.EvidenceHolds.Add(new EvidenceHoldRecord { Id = Guid.NewGuid().ToString("N"), AlertId = alert.Id, HeldBy = "incident/test", HeldAt = s_now });
        await db.SaveChangesAsync();
    }

    private async Task AssertKeptAsync(RecordingStore recordings, List<RecordingSegmentRecord> segments, int[] gone)
    {
        await using VigilDbContext db = Factory.OpenDatabase();
        var ids = (await db.RecordingSegments.Select(r => r.Id).ToListAsync()).ToHashSet();
        for (int i = 0; i < segments.Count; i++)
        {
            bool kept = !gone.Contains(i);
            Assert.True(kept == ids.Contains(segments[i].Id), $"segment {i} of {segments[i].CameraId}: row should be {(kept ? "kept" : "gone")}");
            Assert.True(kept == File.Exists(recordings.PathOf(segments[i].File)), $"segment {i} of {segments[i].CameraId}: file should be {(kept ? "kept" : "gone")}");
        }
    }

    private async Task<string> AuditedAsync(string action)
    {
        await using VigilDbContext db = Factory.OpenDatabase();
        return await db.AuditEntries.Where(e => e.Action == action).Select(e => e.Detail!).SingleAsync();
    }

    /// <summary>A disk of <see cref="Capacity"/> bytes holding only the recordings folder.</summary>
    private sealed class SmallDisk(string root, long capacity) : IDiskSpace
    {
        public long Capacity { get; set; } = capacity;

        public long FreeBytes(string folder) =>
            Capacity - (Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0);
    }
}

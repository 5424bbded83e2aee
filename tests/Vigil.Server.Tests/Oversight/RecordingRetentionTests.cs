using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Configuration;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Cameras;
using Vigil.Server.Alerts;
using Vigil.Server.Evidence;
using Vigil.Server.Hosting;
using Vigil.Server.Oversight;
using Vigil.Server.Pipelines;
using Vigil.Server.Recordings;
using Vigil.Server.Sensors;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Oversight;

/// <summary>Each kind of recorded footage is kept for its own days, and a held alert's clip past them (a host of its own: it sweeps with its own retention).</summary>
public sealed class RecordingRetentionTests() : HostedServerTest
{
    private static readonly DateTimeOffset s_now = new(2036, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sweep_KeepsEachKindOfFootageForItsOwnDays_AndAHeldClipPastThem()
    {
        // campus-path keeps event footage 14 days, motion 3, continuous 1 (config of this test);
        // a held alert's clip outlives all of them while its incident is open.
        RecordingStore recordings = Factory.Services.GetRequiredService<RecordingStore>();
        RecordingSegmentRecord oldEvent = await SeedSegmentAsync(recordings, "campus-path", TimeSpan.FromDays(15), FootageKind.Event);
        RecordingSegmentRecord heldEvent = await SeedSegmentAsync(recordings, "campus-path", TimeSpan.FromDays(20), FootageKind.Event);
        RecordingSegmentRecord recentEvent = await SeedSegmentAsync(recordings, "campus-path", TimeSpan.FromDays(10), FootageKind.Event);
        RecordingSegmentRecord oldMotion = await SeedSegmentAsync(recordings, "campus-path", TimeSpan.FromDays(4), FootageKind.Motion);
        RecordingSegmentRecord oldContinuous = await SeedSegmentAsync(recordings, "campus-path", TimeSpan.FromDays(2), FootageKind.Continuous);
        await HoldClipAsync("campus-path", heldEvent);

        VigilConfig config = Factory.Services.GetRequiredService<VigilConfig>();
        VigilConfig tiered = config with
        {
            Cameras = config.Cameras.Select(c => c with { Recording = c.Recording with { RetainEvents = TimeSpan.FromDays(14), RetainMotion = TimeSpan.FromDays(3), RetainContinuous = TimeSpan.FromDays(1) } }).ToArray(),
        };
        var sweeper = new RetentionSweeper(
            Factory.Services.GetRequiredService<IDbContextFactory<VigilDbContext>>(),
            new CameraRegistry(tiered, Factory.Services.GetRequiredService<IOptions<ServerOptions>>(), TimeProvider.System),
            Factory.Services.GetRequiredService<SnapshotStore>(),
            recordings,
            Factory.Services.GetRequiredService<EvidenceService>(),
            Factory.Services.GetRequiredService<SensorRegistry>(),
            Factory.Services.GetRequiredService<AuditLog>(),
            new ManualClock(s_now));

        await sweeper.SweepAsync(CancellationToken.None);

        await using VigilDbContext db = Factory.OpenDatabase();
        Assert.Equal(new[] { heldEvent.Id, recentEvent.Id }.Order(), (await db.RecordingSegments.Select(r => r.Id).ToListAsync()).Order());
        foreach (RecordingSegmentRecord gone in new[] { oldEvent, oldMotion, oldContinuous })
        {
            Assert.False(File.Exists(recordings.PathOf(gone.File)));
        }

        Assert.True(File.Exists(recordings.PathOf(heldEvent.File)));
        string[] details = await db.AuditEntries.Where(e => e.Action == "media-deleted" && e.Target == "camera/campus-path").Select(e => e.Detail!).ToArrayAsync();
        Assert.Contains(details, d => d.StartsWith("1 event recording segment(s)", StringComparison.Ordinal) && d.Contains("record.retain 14 days", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("1 motion recording segment(s)", StringComparison.Ordinal) && d.Contains("record.retain 3 days", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("1 continuous recording segment(s)", StringComparison.Ordinal) && d.Contains("record.retain 1 days", StringComparison.Ordinal));
    }

    private Task<RecordingSegmentRecord> SeedSegmentAsync(RecordingStore recordings, string camera, TimeSpan endedAgo, FootageKind kind)
        => TestSegments.SeedAsync(Factory, recordings, camera, s_now - endedAgo, kind);

    /// <summary>An alert whose clip overlaps the segment, held by an open incident.</summary>
    private async Task HoldClipAsync(string camera, RecordingSegmentRecord segment)
    {
        AlertRecord alert = TestAlerts.New(camera: camera);
        alert.OpenedAt = segment.StartedAt + TimeSpan.FromSeconds(4);
        alert.UpdatedAt = alert.OpenedAt;
        alert.ClipFrom = segment.StartedAt + TimeSpan.FromSeconds(2);
        alert.ClipTo = segment.EndedAt + TimeSpan.FromSeconds(5);
        await Factory.SeedAsync(alert);
        await using VigilDbContext db = Factory.OpenDatabase();
        db.EvidenceHolds.Add(new EvidenceHoldRecord { Id = Guid.NewGuid().ToString("N"), AlertId = alert.Id, HeldBy = "incident/test", HeldAt = s_now });
        await db.SaveChangesAsync();
    }
}

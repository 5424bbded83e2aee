using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Cameras;
using Vigil.Server.Recordings;

namespace Vigil.Server.Tests.Hosting;

/// <summary>Recording segments seeded straight into a host's index and folder (a small file each; it need not play).</summary>
internal static class TestSegments
{
    /// <summary>A 10 s segment of the camera that ended at <paramref name="end"/>.</summary>
    public static async Task<RecordingSegmentRecord> SeedAsync(VigilFactory factory, RecordingStore recordings, string camera, DateTimeOffset end, FootageKind kind = FootageKind.Continuous)
    {
        var row = new RecordingSegmentRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            CameraId = camera,
            File = $"{camera}/{end.UtcDateTime:yyyy-MM-dd}/{end.UtcDateTime:HH}/{end.UtcDateTime:mm.ss.fff}.mp4",
            StartedAt = end - TimeSpan.FromSeconds(10),
            EndedAt = end,
            Bytes = 4,
            Sha256 = new string('0', 64),
            Kind = kind,
        };
        string path = recordings.PathOf(row.File)!;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, [0, 0, 0, 24]);
        await using VigilDbContext db = factory.OpenDatabase();
        db.RecordingSegments.Add(row);
        await db.SaveChangesAsync();
        return row;
    }
}

using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Cameras;
using Vigil.Server.Recordings;

namespace Vigil.Server.Tests.Hosting;

/// <summary>Recording segments seeded straight into a host's index and folder (a small file each, indexed with its real SHA-256; it need not play).</summary>
internal static class TestSegments
{
    /// <summary>What every seeded segment file holds.</summary>
    public static byte[] Content => [0, 0, 0, 24];

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
            Bytes = Content.Length,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Content)),
            Kind = kind,
        };
        string path = recordings.PathOf(row.File)!;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Content);
        await using VigilDbContext db = factory.OpenDatabase();
        db.RecordingSegments.Add(row);
        await db.SaveChangesAsync();
        return row;
    }
}

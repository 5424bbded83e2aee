using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Vigil.Domain.Cameras;
using Vigil.Vision.Decoding;
using Vigil.Vision.Detection;
using Vigil.Vision.Pipeline;
using Vigil.Vision.Recording;
using Vigil.Vision.Redaction;

namespace Vigil.Vision.Tests.Recording;

/// <summary>A recording camera leaves complete, playable, hashed segments of its redacted picture, and nothing half-written.</summary>
public sealed class SegmentRecorderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-recordings-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ARecordingCamera_WritesPlayableSegmentsInRealTime_HashedAndIndexed()
    {
        using var detector = NanoDetDetector.Create(TestAssets.NanoDetModel, new DetectorOptions { Threads = 1 });
        var camera = new Camera
        {
            Id = "trees",
            Name = "Trees",
            Url = TestAssets.Tree,
            Purpose = "Test",
            LegalBasis = "Test",
            Retention = TimeSpan.FromHours(1),
            DetectFps = 2,
            Recording = new RecordingPolicy { Mode = RecordingMode.Continuous, SegmentLength = TimeSpan.FromSeconds(2) },
        };
        var session = new CameraSession(camera, TestAssets.Tree, detector, new Redactor(RedactionMode.People, [], new RedactionOptions(), null), new PipelineOptions(), TimeProvider.System, recordings: _root);
        var segments = new List<RecordedSegment>();
        Task reader = Task.Run(async () =>
        {
            await foreach (CameraOutput output in session.Output.ReadAllAsync())
            {
                if (output is SegmentOutput s)
                {
                    segments.Add(s.Segment);
                }
            }
        });

        session.Start();
        await Task.Delay(TimeSpan.FromSeconds(7));
        await session.DisposeAsync();
        await reader;

        Assert.True(segments.Count >= 3, $"{segments.Count} segments in 7 s of 2 s segments");
        Assert.Empty(Directory.EnumerateFiles(_root, "*" + SegmentRecorder.PartialSuffix, SearchOption.AllDirectories));
        foreach (RecordedSegment segment in segments.SkipLast(1))
        {
            string path = Path.Combine(_root, segment.File);
            Assert.StartsWith("trees/", segment.File, StringComparison.Ordinal);
            Assert.Equal(segment.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))));
            Assert.Equal(new FileInfo(path).Length, segment.Bytes);

            // A full segment plays for its wall-clock length (frames repeated to real time).
            VideoInfo info = await VideoProbe.ProbeAsync(path, CancellationToken.None);
            double seconds = await DurationAsync(path);
            Assert.Equal(SegmentRecorder.Fps, info.FramesPerSecond, 1);
            Assert.InRange(seconds, 1.5, 2.6);
            Assert.InRange((segment.End - segment.Start).TotalSeconds, 1.5, 2.6);
        }
    }

    private static async Task<double> DurationAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path })
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        string text = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return double.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }
}

using System.Diagnostics;
using OpenCvSharp;
using Vigil.Domain.Cameras;
using Vigil.Domain.Observations;
using Vigil.Vision.Analysis;
using Vigil.Vision.Decoding;
using Vigil.Vision.Detection;
using Vigil.Vision.Faces;
using Vigil.Vision.Motion;
using Vigil.Vision.Recording;
using Vigil.Vision.Redaction;
using Vigil.Vision.Tests.Redaction;
using Vigil.Vision.Tracking;

namespace Vigil.Vision.Tests.Recording;

/// <summary>
/// What is recorded identifies nobody, checked on the files as written (x264, as a camera session
/// records them) with the independent detector of the redaction tests: OpenCV's Haar cascade finds
/// faces at the heads of the people in the original, and where it found one, none in the recording that still carries the
/// original's fine detail (x264 turns pixel blocks into shapes the cascade sometimes fires on; a
/// block has none of the detail a face is recognised by). The same check on an unredacted x264 copy of the video finds its
/// faces, so it can fail.
/// </summary>
public sealed class RecordingLeakageTests : IDisposable
{
    /// <summary>As in the redaction tests: pixel blocks score 0-0.25 against the original, untouched detail near 1.</summary>
    private const double MaxDetailCorrelation = 0.35;
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly CascadeClassifier _haar = new(TestAssets.Path("haar-frontalface"));
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-recording-leak-").FullName;

    public void Dispose()
    {
        _haar.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task TheLobbyCamerasRecording_HoldsNoFaceWithTheOriginalsDetail_WhereAnUnredactedCopyDoes()
    {
        Run run = await RecordAsync(TestAssets.Megamind, RedactionMode.Faces, frames: int.MaxValue);

        (int originalsWithFaces, List<string> leaks, int checkedFrames) = await CheckFacesAsync(run.Files, run);
        string control = await UnredactedCopyAsync(TestAssets.Megamind);
        (_, List<string> controlLeaks, _) = await CheckFacesAsync([(control, s_t0)], run);

        Assert.True(checkedFrames >= 20, $"only {checkedFrames} recorded frames checked");
        Assert.True(originalsWithFaces >= checkedFrames / 4, $"the independent detector found faces in only {originalsWithFaces} of {checkedFrames} originals");
        Assert.True(leaks.Count == 0, "faces with the original's detail in the recording: " + string.Join("; ", leaks));
        Assert.True(controlLeaks.Count >= checkedFrames / 8, $"the check found only {controlLeaks.Count} faces in the unredacted copy: it could not fail");
    }

    [Fact]
    public async Task APeopleModeRecording_KeepsNoPersonsFineDetail()
    {
        Run run = await RecordAsync(TestAssets.VTest, RedactionMode.People, frames: 200);
        int people = 0;

        await ForEachRecordedFrameAsync(run.Files, run, step: 5, (recorded, original) =>
        {
            foreach (DetectedObject person in original.People)
            {
                var region = new Rect((int)person.Box.X, (int)person.Box.Y, Math.Max(8, (int)person.Box.Width), Math.Max(8, (int)person.Box.Height));
                double correlation = RedactionHarness.DetailCorrelation(original.Picture, recorded, region);
                Assert.True(correlation < MaxDetailCorrelation, $"recorded person at {region} (original frame {original.Index}): detail correlation {correlation:0.00}");
                people++;
            }
        });

        Assert.True(people >= 40, $"only {people} people checked");
    }

    /// <summary>Runs analysis, redaction and a continuous recorder over the video as a camera session does, keeping every original.</summary>
    private async Task<Run> RecordAsync(string video, RedactionMode mode, int frames)
    {
        using var detector = NanoDetDetector.Create(TestAssets.NanoDetModel, new DetectorOptions());
        using var faces = BlazeFaceDetector.Create(TestAssets.Path("blazeface-back"));
        using var analyzer = new FrameAnalyzer(detector, new AnalysisOptions { DetectFps = null }, new MotionOptions(), new TrackerOptions());
        using var redactor = new Redactor(mode, [], new RedactionOptions(), faces);
        using RedactedFrame redacted = Redactor.CreateFrame();
        var originals = new List<Original>();
        var kept = new List<RecordedSegment>();
        var policy = new RecordingPolicy { Mode = RecordingMode.Continuous, SegmentLength = TimeSpan.FromSeconds(2), PreRoll = TimeSpan.FromSeconds(1), PostRoll = TimeSpan.FromSeconds(1) };
        await using (var recorder = new SegmentRecorder("camera", _root, policy, new RecordingSpace(), kept.Add))
        {
            await using FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(video, CancellationToken.None);
            using var frame = new VideoFrame(reader.Info.Width, reader.Info.Height);
            while (originals.Count < frames && await reader.ReadAsync(frame, CancellationToken.None))
            {
                FrameAnalysis r = analyzer.Process(frame.Mat, frame.Index, frame.Timestamp, reader.Info.FramesPerSecond);
                redactor.Redact(frame.Mat, r, redacted);
                recorder.Write(redacted, s_t0 + frame.Timestamp, motion: true);
                originals.Add(new Original(frame.Index, s_t0 + frame.Timestamp, frame.Mat.Clone(), r.Detections.Where(d => d.Label == "person").ToArray()));
            }
        }

        Assert.True(kept.Count >= 3, $"only {kept.Count} segments recorded");
        return new Run(originals, kept.OrderBy(s => s.Start).Select(s => (Path.Combine(_root, s.File), s.Start)).ToList());
    }

    private async Task<(int OriginalsWithFaces, List<string> Leaks, int Checked)> CheckFacesAsync(IReadOnlyList<(string File, DateTimeOffset Start)> files, Run run)
    {
        int originalsWithFaces = 0, frames = 0;
        var leaks = new List<string>();
        await ForEachRecordedFrameAsync(files, run, step: 3, (recorded, original) =>
        {
            frames++;
            // A face of the public is a hit at the head of a detected person: the cascade also fires on
            // hands and tableware, which the recording rightly keeps.
            Rect[] faces = RedactionHarness.Faces(_haar, original.Picture).Where(f => AtAHead(f, original.People)).ToArray();
            if (faces.Length > 0)
            {
                originalsWithFaces++;
            }

            foreach (Rect face in RedactionHarness.Faces(_haar, recorded).Where(hit => faces.Any(f => Overlap(hit, f))))
            {
                double correlation = RedactionHarness.DetailCorrelation(original.Picture, recorded, face);
                if (correlation >= MaxDetailCorrelation)
                {
                    leaks.Add($"{face} in the frame of original {original.Index} (detail correlation {correlation:0.00})");
                }
            }
        });
        return (originalsWithFaces, leaks, frames);
    }

    /// <summary>Whether the face's centre lies in the top third of a person's box.</summary>
    private static bool AtAHead(Rect face, IReadOnlyList<DetectedObject> people)
    {
        float x = face.X + (face.Width / 2f), y = face.Y + (face.Height / 2f);
        return people.Any(p => x >= p.Box.X && x <= p.Box.Right && y >= p.Box.Y && y <= p.Box.Y + (p.Box.Height / 3));
    }

    /// <summary>Whether either rectangle's centre lies in the other.</summary>
    private static bool Overlap(Rect a, Rect b) =>
        a.Contains(new Point(b.X + (b.Width / 2), b.Y + (b.Height / 2))) || b.Contains(new Point(a.X + (a.Width / 2), a.Y + (a.Height / 2)));

    /// <summary>
    /// Every <paramref name="step"/>th frame of the files, with the original it shows: file frame k of a
    /// segment starting at S shows the first frame that arrived at or after S + k / 10 s.
    /// </summary>
    private static async Task ForEachRecordedFrameAsync(IReadOnlyList<(string File, DateTimeOffset Start)> files, Run run, int step, Action<Mat, Original> check)
    {
        foreach ((string file, DateTimeOffset start) in files)
        {
            await using FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(file, CancellationToken.None);
            using var frame = new VideoFrame(reader.Info.Width, reader.Info.Height);
            for (int k = 0; await reader.ReadAsync(frame, CancellationToken.None); k++)
            {
                DateTimeOffset shows = start + TimeSpan.FromSeconds(k / SegmentRecorder.Fps) - TimeSpan.FromMilliseconds(1);
                if (k % step == 0 && run.Originals.FirstOrDefault(o => o.At >= shows) is { } original)
                {
                    check(frame.Mat, original);
                }
            }
        }
    }

    /// <summary>The video at the recorder's rate and quality with no redaction at all (ffmpeg alone; no Vigil code can write one).</summary>
    private async Task<string> UnredactedCopyAsync(string video)
    {
        string output = Path.Combine(_root, "unredacted.mp4");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-hide_banner", "-v", "error", "-y", "-i", video, "-vf", "fps=10:round=up", "-an", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-pix_fmt", "yuv420p", output })
        {
            start.ArgumentList.Add(a);
        }

        using Process ffmpeg = Process.Start(start)!;
        string errors = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, errors);
        return output;
    }

    private sealed record Original(long Index, DateTimeOffset At, Mat Picture, IReadOnlyList<DetectedObject> People);

    private sealed record Run(List<Original> Originals, List<(string File, DateTimeOffset Start)> Files);
}

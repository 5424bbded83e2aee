using OpenCvSharp;
using Vigil.Domain.Cameras;
using Vigil.Domain.Observations;
using Vigil.Vision.Recording;
using Vigil.Vision.Redaction;

namespace Vigil.Vision.Tests.Recording;

/// <summary>
/// What a camera keeps follows its mode: alert clips with their pre- and post-roll, motion, or
/// everything; what is not kept is deleted, a paused disk writes nothing, and a full disk loses only
/// the segment it hit. Driven with 20 s of
/// synthetic frames on a wall clock of its own (ffmpeg encodes them as fast as it can).
/// </summary>
public sealed class RecordingModeTests : IDisposable
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-modes-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task EventsMode_KeepsTheSegmentsOfAnAlertsClip_PreRollIncluded_AndDeletesTheRest()
    {
        RecordingPolicy policy = Policy(RecordingMode.Events);
        var kept = new List<RecordedSegment>();
        await using (var recorder = new SegmentRecorder("gate", _root, policy, new RecordingSpace(), kept.Add))
        {
            // A line crossing at 10 s: its clip is [7 s, 11 s) with 3 s before and 1 s after.
            await DriveAsync(recorder, seconds: 20, at: t =>
            {
                if (t == TimeSpan.FromSeconds(10))
                {
                    recorder.Clip("a1", policy.ClipOf(s_t0 + t, null, instant: true)!.Value);
                }
            });
        }

        Assert.Equal(["00:06", "00:08", "00:10"], kept.OrderBy(s => s.Start).Select(s => $"{s.Start - s_t0:mm\\:ss}"));
        Assert.All(kept, s => Assert.Equal(FootageKind.Event, s.Kind));
        Assert.Equal(kept.Select(s => s.File).Order(), Files());
    }

    [Fact]
    public async Task MotionMode_KeepsWhatMoved_AndEveryClip()
    {
        RecordingPolicy policy = Policy(RecordingMode.Motion);
        var kept = new List<RecordedSegment>();
        await using (var recorder = new SegmentRecorder("gate", _root, policy, new RecordingSpace(), kept.Add))
        {
            await DriveAsync(recorder, seconds: 20, motion: t => t >= TimeSpan.FromSeconds(4.5) && t < TimeSpan.FromSeconds(5), at: t =>
            {
                if (t == TimeSpan.FromSeconds(16.5))
                {
                    recorder.Clip("a1", policy.ClipOf(s_t0 + t, null, instant: true)!.Value);
                }
            });
        }

        Assert.Equal([("00:04", FootageKind.Motion), ("00:12", FootageKind.Event), ("00:14", FootageKind.Event), ("00:16", FootageKind.Event)], kept.OrderBy(s => s.Start).Select(s => ($"{s.Start - s_t0:mm\\:ss}", s.Kind)));
        Assert.Equal(kept.Select(s => s.File).Order(), Files());
    }

    [Fact]
    public async Task ContinuousMode_KeepsEverything_ClassifiedForItsRetention()
    {
        RecordingPolicy policy = Policy(RecordingMode.Continuous);
        var kept = new List<RecordedSegment>();
        await using (var recorder = new SegmentRecorder("gate", _root, policy, new RecordingSpace(), kept.Add))
        {
            await DriveAsync(recorder, seconds: 10, motion: t => t < TimeSpan.FromSeconds(1), at: t =>
            {
                if (t == TimeSpan.FromSeconds(8))
                {
                    // An episode that has not ended: its clip runs on to the end of the recording.
                    recorder.Clip("a1", policy.ClipOf(s_t0 + t, null, instant: false)!.Value);
                }
            });
        }

        Assert.Equal([FootageKind.Motion, FootageKind.Continuous, FootageKind.Event, FootageKind.Event, FootageKind.Event, FootageKind.Event], kept.OrderBy(s => s.Start).Select(s => s.Kind));
    }

    [Fact]
    public async Task APausedDisk_WritesNothing_AndRecordingResumesWithSpace()
    {
        var space = new RecordingSpace();
        var kept = new List<RecordedSegment>();
        await using (var recorder = new SegmentRecorder("gate", _root, Policy(RecordingMode.Continuous), space, kept.Add))
        {
            await DriveAsync(recorder, seconds: 12, at: t =>
            {
                if (t == TimeSpan.FromSeconds(3))
                {
                    space.Pause();
                }
                else if (t == TimeSpan.FromSeconds(8))
                {
                    space.Resume();
                }
            });
        }

        // [0, 2) whole; [2, 3) ended early by the pause; nothing until 8 s; then [8, 10), [10, 12) and the last frame.
        List<RecordedSegment> segments = kept.OrderBy(s => s.Start).ToList();
        Assert.Equal(["00:00", "00:02", "00:08", "00:10", "00:12"], segments.Select(s => $"{s.Start - s_t0:mm\\:ss}"));
        Assert.Equal(TimeSpan.FromSeconds(3), segments[1].End - s_t0);
    }

    [Fact]
    public async Task ADiskFullMidSegment_DiscardsThatSegmentCleanly_AndRecordingGoesOn()
    {
        // The segment that starts at 2 s is written to /dev/full: every write to it fails with ENOSPC
        // (the encoder cannot even write its header), as on a disk that filled up.
        string full = Path.Combine(_root, "gate", "2026-12-01", "10", "00.02.000.mp4" + SegmentRecorder.PartialSuffix);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, "/dev/full");
        var kept = new List<RecordedSegment>();
        long failures;
        await using (var recorder = new SegmentRecorder("gate", _root, Policy(RecordingMode.Continuous), new RecordingSpace(), kept.Add))
        {
            await DriveAsync(recorder, seconds: 8, at: _ => { });
            await Task.Delay(500);
            failures = recorder.Failures;
        }

        // That segment is abandoned at the first write that fails (the frames before it sat in the
        // encoder's pipe); the next frame starts the next segment and recording goes on to the end.
        List<RecordedSegment> segments = kept.OrderBy(s => s.Start).ToList();
        Assert.Equal((s_t0, s_t0.AddSeconds(2)), (segments[0].Start, segments[0].End));
        Assert.InRange((segments[1].Start - s_t0).TotalSeconds, 2.05, 2.95);
        Assert.Equal(segments.Skip(1).SkipLast(1).Select(s => s.End), segments.Skip(2).Select(s => s.Start));
        Assert.True(segments[^1].End >= s_t0.AddSeconds(8), $"recording stopped at {segments[^1].End - s_t0}");
        Assert.Equal(1, failures);
        Assert.False(File.Exists(full) || new FileInfo(full).LinkTarget is not null, "the failed segment's file was left behind");
        Assert.DoesNotContain(Files(), f => f.EndsWith(SegmentRecorder.PartialSuffix, StringComparison.Ordinal) || f.EndsWith("00.02.000.mp4", StringComparison.Ordinal));
        Assert.True(File.Exists("/dev/full"));
    }

    private static RecordingPolicy Policy(RecordingMode mode) => new()
    {
        Mode = mode,
        SegmentLength = TimeSpan.FromSeconds(2),
        PreRoll = TimeSpan.FromSeconds(3),
        PostRoll = TimeSpan.FromSeconds(1),
    };

    private string[] Files() => Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/')).Order().ToArray();

    /// <summary>Frames every 100 ms of the recorder's wall clock, each redacted by a real redactor.</summary>
    private static async Task DriveAsync(SegmentRecorder recorder, int seconds, Action<TimeSpan> at, Func<TimeSpan, bool>? motion = null)
    {
        using var redactor = new Redactor(RedactionMode.People, [], new RedactionOptions(), null);
        using RedactedFrame frame = Redactor.CreateFrame();
        using var picture = new Mat(120, 160, MatType.CV_8UC3, Scalar.All(90));
        for (int i = 0; i <= seconds * 10; i++)
        {
            TimeSpan t = TimeSpan.FromMilliseconds(i * 100);
            at(t);
            picture.PutText($"{i}", new Point(10, 60), HersheyFonts.HersheyPlain, 2, Scalar.White);
            redactor.Redact(picture, i, t, new RedactionInput(Array.Empty<TrackedObject>(), [], t, false, false), frame);
            recorder.Write(frame, s_t0 + t, motion?.Invoke(t) ?? false);

            // Let finished segments come back as they would between real frames.
            if (i % 20 == 0)
            {
                await Task.Delay(50);
            }
        }
    }
}

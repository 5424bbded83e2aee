using Vigil.Domain.Observations;
using Vigil.Vision.Analysis;
using Vigil.Vision.Decoding;
using Vigil.Vision.Detection;
using Vigil.Vision.Motion;
using Vigil.Vision.Tracking;

namespace Vigil.Vision.Tests.Analysis;

/// <summary>Runs the product's analysis chain over a whole video once (with the default detector unless another model is given) and keeps each frame's tracks.</summary>
internal sealed record SampleVideoAnalysis(IReadOnlyList<IReadOnlyList<TrackedObject>> Frames, long DetectorCalls, long RegionTicks, long InputPixels)
{
    public static async Task<SampleVideoAnalysis> RunAsync(string path, AnalysisOptions options, int? loopFirstFrame = null, string? model = null)
    {
        using var detector = NanoDetDetector.Create(model ?? TestAssets.NanoDetModel, new DetectorOptions());
        using var analyzer = new FrameAnalyzer(detector, options, new MotionOptions(), new TrackerOptions());
        await using FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(path, CancellationToken.None);
        using var frame = new VideoFrame(reader.Info.Width, reader.Info.Height);
        var frames = new List<IReadOnlyList<TrackedObject>>();
        if (loopFirstFrame is { } count)
        {
            // A still scene: the first frame shown again and again, like a frozen camera.
            Assert.True(await reader.ReadAsync(frame, CancellationToken.None));
            for (int i = 0; i < count; i++)
            {
                FrameAnalysis r = analyzer.Process(frame.Mat, i, TimeSpan.FromSeconds(i / reader.Info.FramesPerSecond), reader.Info.FramesPerSecond);
                frames.Add(r.Objects.ToArray());
            }
        }
        else
        {
            while (await reader.ReadAsync(frame, CancellationToken.None))
            {
                FrameAnalysis r = analyzer.Process(frame.Mat, frame.Index, frame.Timestamp, reader.Info.FramesPerSecond);
                frames.Add(r.Objects.ToArray());
            }
        }

        return new SampleVideoAnalysis(frames, analyzer.DetectorCalls, analyzer.RegionTicks, analyzer.InputPixels);
    }
}

using System.Diagnostics;
using System.Globalization;
using OpenCvSharp;
using Vigil.Domain.Cameras;
using Vigil.Domain.Geometry;
using Vigil.Domain.Observations;
using Vigil.Vision.Analysis;
using Vigil.Vision.Decoding;
using Vigil.Vision.Detection;
using Vigil.Vision.Motion;
using Vigil.Vision.Pipeline;
using Vigil.Vision.Redaction;
using Vigil.Vision.Tracking;

namespace Vigil.Vision.Benchmarks;

/// <summary>
/// Where one camera's CPU goes, stage by stage, as a camera session spends it: vtest.avi at its
/// 10 fps, detection 5/s with motion gating, people redaction, INT8, one thread. Each stage is
/// timed on the frames the chain sees (the motion gate and the redactor a second time beside the
/// chain, on the same frame and analysis, so their cost is read alone); decoding is the ffmpeg
/// process's CPU time; a JPEG of every redacted frame is what a watched live feed costs.
/// </summary>
internal static class StageProfileBenchmark
{
    /// <summary>Runs the profile: <c>[FRAMES]</c> (all of vtest.avi, 795 frames, unless told).</summary>
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        long frames = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : long.MaxValue;
        string vtest = BenchAssets.Path("sample-vtest");
        using var inner = NanoDetDetector.Create(BenchAssets.Path(DetectorModels.AssetId(DetectorPrecision.Quantized)), new DetectorOptions { Threads = 1 });
        var detector = new TimedDetector(inner);
        var analysis = new AnalysisOptions { DetectFps = 5 };
        using var chain = new FrameChain(null, "profile", detector, new Redactor(RedactionMode.People, [], new RedactionOptions(), null), analysis, new MotionOptions(), new TrackerOptions(), TimeProvider.System);
        using var gate = new MotionGate(new MotionOptions());
        using var redactor = new Redactor(RedactionMode.People, [], new RedactionOptions(), null);
        using RedactedFrame redacted = Redactor.CreateFrame();
        var regions = new List<BoundingBox>();
        var jpegParams = new ImageEncodingParam(ImwriteFlags.JpegQuality, 80);
        var motionMs = new Stats();
        var chainMs = new Stats();
        var redactMs = new Stats();
        var jpegMs = new Stats();
        var union = new Stats();
        long ticks = 0;
        long motionTicks = 0;
        double fps;
        double childrenBefore = ExitedChildrenCpuSeconds();
        double decodeSeconds;
        long read;
        await using (FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(vtest, CancellationToken.None).ConfigureAwait(false))
        {
            fps = reader.Info.FramesPerSecond;
            using var frame = new VideoFrame(reader.Info.Width, reader.Info.Height);
            double area = reader.Info.Width * (double)reader.Info.Height;
            while (frame.Index + 1 < frames && await reader.ReadAsync(frame, CancellationToken.None).ConfigureAwait(false))
            {
                long t0 = Stopwatch.GetTimestamp();
                gate.Update(frame.Mat, regions);
                long t1 = Stopwatch.GetTimestamp();
                chain.Step(frame.Mat, frame.Index, frame.Timestamp, fps);
                long t2 = Stopwatch.GetTimestamp();
                redactor.Redact(frame.Mat, chain.Analysis!, redacted);
                long t3 = Stopwatch.GetTimestamp();
                byte[] jpeg = redacted.Pixels.ImEncode(".jpg", jpegParams);
                long t4 = Stopwatch.GetTimestamp();
                GC.KeepAlive(jpeg);
                motionMs.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                chainMs.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
                redactMs.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
                jpegMs.Add(Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds);
                FrameAnalysis a = chain.Analysis!;
                if (a.Detected || a.SkippedByGate || a.DetectorFailed)
                {
                    ticks++;
                    if (a.Motion.HasMotion)
                    {
                        motionTicks++;
                        union.Add(UnionArea(a.MotionRegions) / area);
                    }
                }
            }

            read = reader.FramesRead;
        }

        // The decoder has exited and been waited for: its CPU time is in this process's children's.
        decodeSeconds = ExitedChildrenCpuSeconds() - childrenBefore;

        double seconds = read / fps;
        double detectMs = detector.Milliseconds.Sum;
        double perSecond(double ms) => ms / seconds;
        var lines = new List<string>();
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores; vtest.avi, {read} frames at {fps:0.#} fps ({seconds:0.0} s of video), detection 5/s with gating, people redaction, INT8 1 thread"));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"ticks: {ticks}, with motion {motionTicks}, detector calls {chain.Analyzer.DetectorCalls}; union of a tick's motion regions: mean {union.Mean:P0} of the frame, p90 {union.Percentile(0.9):P0}"));
        lines.Add("| stage | calls | mean ms a call | CPU ms per camera-second |");
        lines.Add("|---|---|---|---|");
        lines.Add(Row("decode (ffmpeg process)", read, decodeSeconds * 1000 / read, perSecond(decodeSeconds * 1000)));
        lines.Add(Row("motion gate", motionMs.Count, motionMs.Mean, perSecond(motionMs.Sum)));
        lines.Add(Row("detector (preprocess, inference, decode)", detector.Milliseconds.Count, detector.Milliseconds.Mean, perSecond(detectMs)));
        lines.Add(Row("chain less detector (motion, tracking, redaction)", chainMs.Count, (chainMs.Sum - detectMs) / chainMs.Count, perSecond(chainMs.Sum - detectMs)));
        lines.Add(Row("redaction alone", redactMs.Count, redactMs.Mean, perSecond(redactMs.Sum)));
        lines.Add(Row("live JPEG (only while watched)", jpegMs.Count, jpegMs.Mean, perSecond(jpegMs.Sum)));
        lines.Add(Row("**camera without live view** (decode + chain)", read, ((decodeSeconds * 1000) + chainMs.Sum) / read, perSecond((decodeSeconds * 1000) + chainMs.Sum)));
        lines.Add(string.Empty);
        lines.Add("Detection by path and scene (same frames, same detector; the static scene is vtest.avi's first frame held for as long as the video):");
        lines.Add("| scene | detects on | detections/s | network runs/s | input pixels per detection (% of whole frame) | detector CPU ms per camera-second | chain CPU ms per camera-second |");
        lines.Add("|---|---|---|---|---|---|---|");
        foreach (bool still in new[] { false, true })
        {
            foreach (bool regionsOn in new[] { false, true })
            {
                lines.Add(await PathRowAsync(inner, vtest, frames, still, regionsOn).ConfigureAwait(false));
            }
        }

        foreach (string line in lines)
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    /// <summary>One scene through a camera's chain with detection on the whole frame or on motion regions.</summary>
    private static async Task<string> PathRowAsync(NanoDetDetector inner, string video, long frames, bool still, bool regions)
    {
        var detector = new TimedDetector(inner);
        using var chain = new FrameChain(null, "profile", detector, new Redactor(RedactionMode.People, [], new RedactionOptions(), null), new AnalysisOptions { DetectFps = 5, MotionRegions = regions }, new MotionOptions(), new TrackerOptions(), TimeProvider.System);
        double chainMs = 0;
        long read = 0;
        double fps;
        await using (FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(video, CancellationToken.None).ConfigureAwait(false))
        {
            fps = reader.Info.FramesPerSecond;
            using var frame = new VideoFrame(reader.Info.Width, reader.Info.Height);
            long total = Math.Min(frames, reader.Info.FrameCount ?? 795);
            bool more = await reader.ReadAsync(frame, CancellationToken.None).ConfigureAwait(false);
            for (long i = 0; more && i < total; i++)
            {
                if (i > 0 && !still)
                {
                    more = await reader.ReadAsync(frame, CancellationToken.None).ConfigureAwait(false);
                    if (!more)
                    {
                        break;
                    }
                }

                long start = Stopwatch.GetTimestamp();
                chain.Step(frame.Mat, i, TimeSpan.FromSeconds(i / fps), fps);
                chainMs += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                read++;
            }
        }

        double seconds = read / fps;
        FrameAnalyzer a = chain.Analyzer;
        double pixels = a.DetectorCalls == 0 ? 0 : a.InputPixels / (double)a.DetectorCalls;
        double whole = inner.InputSize * (double)inner.InputSize;
        return string.Create(CultureInfo.InvariantCulture, $"| {(still ? "static" : "busy (vtest.avi)")} | {(regions ? "motion regions" : "whole frame")} | {a.DetectorCalls / seconds:0.00} | {a.NetworkRuns / seconds:0.00} | {pixels / 1000:0}k ({pixels / whole:P0}) | {detector.Milliseconds.Sum / seconds:0.0} | {chainMs / seconds:0.0} |");
    }

    private static string Row(string stage, long calls, double mean, double perSecond) =>
        string.Create(CultureInfo.InvariantCulture, $"| {stage} | {calls} | {mean:0.00} | {perSecond:0.0} |");

    private static double UnionArea(List<BoundingBox> boxes)
    {
        if (boxes.Count == 0)
        {
            return 0;
        }

        float left = boxes.Min(b => b.X);
        float top = boxes.Min(b => b.Y);
        float right = boxes.Max(b => b.X + b.Width);
        float bottom = boxes.Max(b => b.Y + b.Height);
        return (right - left) * (double)(bottom - top);
    }

    /// <summary>cutime + cstime of this process (proc(5)): CPU seconds of its children that exited and were waited for.</summary>
    private static double ExitedChildrenCpuSeconds()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The detector, timed call by call.</summary>
    private sealed class TimedDetector(IObjectDetector inner) : IObjectDetector
    {
        public Stats Milliseconds { get; } = new();

        public int InputSize => inner.InputSize;

        public bool DetectsRegions => inner.DetectsRegions;

        public void Detect(Mat bgrFrame, List<DetectedObject> results)
        {
            long start = Stopwatch.GetTimestamp();
            inner.Detect(bgrFrame, results);
            Milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        public void Detect(Mat bgrFrame, ReadOnlySpan<DetectionRegion> regions, List<DetectedObject> results)
        {
            long start = Stopwatch.GetTimestamp();
            inner.Detect(bgrFrame, regions, results);
            Milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private sealed class Stats
    {
        private readonly List<double> _values = [];

        public int Count => _values.Count;

        public double Sum { get; private set; }

        public double Mean => _values.Count == 0 ? 0 : Sum / _values.Count;

        public void Add(double value)
        {
            _values.Add(value);
            Sum += value;
        }

        public double Percentile(double p)
        {
            if (_values.Count == 0)
            {
                return 0;
            }

            _values.Sort();
            return _values[(int)Math.Min(_values.Count - 1, Math.Floor(p * _values.Count))];
        }
    }
}

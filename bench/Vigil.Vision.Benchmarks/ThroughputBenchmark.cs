using System.Diagnostics;
using System.Globalization;
using Vigil.Assets.Conversion;
using Vigil.Domain.Observations;
using Vigil.Vision.Analysis;
using Vigil.Vision.Decoding;
using Vigil.Vision.Detection;
using Vigil.Vision.Motion;
using Vigil.Vision.Tracking;

namespace Vigil.Vision.Benchmarks;

/// <summary>
/// Bare ONNX Runtime inference against the whole analysis pipeline, in the same process and
/// run, at the same thread counts: what the pipeline costs beyond the network.
/// </summary>
internal static class ThroughputBenchmark
{
    private const int Warmup = 10;
    private const int Iterations = 200;
    private const int Rounds = 3;

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    public static async Task RunAsync(string[] args)
    {
        string vtest = BenchAssets.Path("sample-vtest");
        string model416 = BenchAssets.Path("nanodet-onnx");
        string model320 = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vigil-nanodet-320.onnx");
        await File.WriteAllBytesAsync(model320, TfjsToOnnxConverter.Convert(BenchAssets.Path("nanodet-graph"), 320)).ConfigureAwait(false);
        int[] threads = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1, 2];

        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine($"method: {Rounds} rounds; each round measures bare inference ({Iterations} runs after {Warmup} warm-up) then the pipeline over the whole of vtest.avi; medians of the rounds");
        Console.WriteLine("| threads | spin | input | bare inference ms/frame | bare fps | pipeline fps (in-process) | `vigil analyze` fps | analyze / bare |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (int t in threads)
        {
            foreach (bool spin in new[] { false, true })
            {
                foreach ((string model, int size) in new[] { (model416, 416), (model320, 320) })
                {
                    if (spin && (size != 416 || t == 1))
                    {
                        continue; // spinning is measured once, to show why it is off by default
                    }

                    var bare = new List<double>();
                    var pipeline = new List<double>();
                    var cli = new List<double>();
                    for (int round = 0; round < Rounds; round++)
                    {
                        bare.Add(BareInferenceMs(model, t, spin));
                        pipeline.Add((await PipelineAsync(vtest, model, t, spin).ConfigureAwait(false)).Fps);
                        if (size == 416 && !spin)
                        {
                            cli.Add(await CliAnalyzeFpsAsync(vtest, t).ConfigureAwait(false));
                        }
                    }

                    double bareMs = Median(bare);
                    double pipelineFps = Median(pipeline);
                    double bareFps = 1000 / bareMs;
                    string cliFps = cli.Count > 0 ? Median(cli).ToString("0.0", CultureInfo.InvariantCulture) : "-";
                    string ratio = cli.Count > 0 ? (Median(cli) / bareFps).ToString("P0", CultureInfo.InvariantCulture) : (pipelineFps / bareFps).ToString("P0", CultureInfo.InvariantCulture) + " (in-process)";
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {t} | {(spin ? "on" : "off")} | {size} | {bareMs:0.0} | {bareFps:0.0} | {pipelineFps:0.0} | {cliFps} | {ratio} |"));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("Effect of the 320 input on detections (vtest.avi, every 10th frame, threshold 0.3):");
        foreach ((string model, int size) in new[] { (model416, 416), (model320, 320) })
        {
            (int people, int vehicles, int frames, double meanScore) = await CountDetectionsAsync(vtest, model).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {size}: {people / (double)frames:0.00} people and {vehicles / (double)frames:0.00} vehicles per frame, mean person score {meanScore:0.00}"));
        }
    }

    internal static double BareInferenceMs(string model, int threads, bool spin, int iterations = Iterations)
    {
        using var detector = NanoDetDetector.Create(model, new DetectorOptions { Threads = threads, SpinWait = spin });
        float[] input = new float[3 * detector.InputSize * detector.InputSize];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (i % 255) / 255f;
        }

        for (int i = 0; i < Warmup; i++)
        {
            detector.RunRawInPlace(input);
        }

        // Throughput, like the pipeline's: total time over back-to-back runs.
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < iterations; i++)
        {
            detector.RunRawInPlace(input);
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds / iterations;
    }

    private static async Task<(double Fps, long Frames)> PipelineAsync(string video, string model, int threads, bool spin)
    {
        using var detector = NanoDetDetector.Create(model, new DetectorOptions { Threads = threads, SpinWait = spin });
        using var analyzer = new FrameAnalyzer(detector, new AnalysisOptions { DetectFps = null, MotionGating = false }, new MotionOptions(), new TrackerOptions());
        await using FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(video, CancellationToken.None).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        await using (var frames = new ReadAheadFrameReader(reader))
        {
            while (await frames.ReadAsync(CancellationToken.None).ConfigureAwait(false) is { } frame)
            {
                analyzer.Process(frame.Mat, frame.Index, frame.Timestamp, reader.Info.FramesPerSecond);
                frames.Return(frame);
            }
        }

        return (reader.FramesRead / clock.Elapsed.TotalSeconds, reader.FramesRead);
    }

    /// <summary>The real command, as a user runs it: decode, motion, detection on every frame, tracking, JSON to a file.</summary>
    private static async Task<double> CliAnalyzeFpsAsync(string video, int threads)
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(System.IO.Path.Combine(root, "Vigil.slnx")))
        {
            root = System.IO.Path.GetDirectoryName(root.TrimEnd('/'))!;
        }

        string output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vigil-bench-analyze.jsonl");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { System.IO.Path.Combine(root, "artifacts/bin/Vigil.Cli/release/vigil.dll"), "analyze", video, "--no-motion-gate", "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", output })
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        await process.WaitForExitAsync().ConfigureAwait(false);
        string summary = (await File.ReadAllLinesAsync(output).ConfigureAwait(false))[^1];
        using var json = System.Text.Json.JsonDocument.Parse(summary);
        return json.RootElement.GetProperty("summary").GetProperty("fps").GetDouble();
    }

    internal static async Task<(int People, int Vehicles, int Frames, double MeanScore)> CountDetectionsAsync(string video, string model, long lastFrame = long.MaxValue)
    {
        using var detector = NanoDetDetector.Create(model, new DetectorOptions());
        await using FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(video, CancellationToken.None).ConfigureAwait(false);
        using var frame = new VideoFrame(reader.Info.Width, reader.Info.Height);
        var results = new List<DetectedObject>();
        int people = 0;
        int vehicles = 0;
        int frames = 0;
        double scores = 0;
        while (frame.Index < lastFrame && await reader.ReadAsync(frame, CancellationToken.None).ConfigureAwait(false))
        {
            if (frame.Index % 10 != 0)
            {
                continue;
            }

            detector.Detect(frame.Mat, results);
            frames++;
            foreach (DetectedObject d in results)
            {
                if (d.Label == "person")
                {
                    people++;
                    scores += d.Score;
                }
                else
                {
                    vehicles++;
                }
            }
        }

        return (people, vehicles, frames, people > 0 ? scores / people : 0);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;
using Vigil.Assets.Conversion.Onnx;
using Vigil.Assets.Conversion.Quantization;
using Vigil.Domain.Observations;
using Vigil.Vision.Decoding;
using Vigil.Vision.Detection;

namespace Vigil.Vision.Benchmarks;

/// <summary>
/// The INT8 NanoDet against the FP32 one (issue 24), in one run: calibrates the activation ranges
/// on frames of the sample videos that no labelled set uses (every 8th frame of vtest.avi not
/// within 3 frames of a labelled one, and every 8th of tree.avi), builds the QDQ model, checks
/// in ONNX Runtime's optimised graph how many convolutions became integer ones, then compares
/// detections (people per labelled frame against the counts by eye, people and vehicles per frame
/// and mean person score on every 10th frame) and bare inference time at 1 and 2 threads (measured as the throughput benchmark measures them).
/// </summary>
internal static class Int8Benchmark
{
    /// <summary>Runs the comparison; <paramref name="quick"/> (the tests' smoke run) looks only at the first 100 frames and times 10 runs.</summary>
    public static async Task RunAsync(string[] args, TextWriter output, bool quick = false)
    {
        long lastFrame = quick ? 100 : long.MaxValue;
        int iterations = quick ? 10 : 200;
        int size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 416;
        bool recalibrate = args.Length > 1;
        double percentile = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        int every = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
        string graph = BenchAssets.Path("nanodet-graph");
        string vtest = BenchAssets.Path("sample-vtest");
        string folder = Directory.CreateTempSubdirectory("vigil-int8-").FullName;
        string fp32 = Path.Combine(folder, $"nanodet-{size}.onnx");
        string int8 = Path.Combine(folder, $"nanodet-{size}-int8.onnx");
        await File.WriteAllBytesAsync(fp32, Vigil.Assets.Conversion.TfjsToOnnxConverter.Convert(graph, size)).ConfigureAwait(false);
        Dictionary<int, int> labels = Labels().Where(l => l.Key < lastFrame).ToDictionary();
        IReadOnlyDictionary<string, ActivationRange> ranges = recalibrate
            ? (await CalibrateAsync(graph, size, every, percentile, output).ConfigureAwait(false))
            : Int8Ranges.Load(size);
        byte[] quantized = Int8Conversion.Quantize(graph, size, ranges);
        await File.WriteAllBytesAsync(int8, quantized).ConfigureAwait(false);
        await output.WriteLineAsync($"INT8 model: {quantized.Length / 1024} KiB, sha256 {Vigil.Assets.Checksums.Sha256OfBytes(quantized)}").ConfigureAwait(false);
        await output.WriteLineAsync(recalibrate ? "ranges: calibrated in this run" : $"ranges: the shipped table ({Int8Ranges.ResourceName(size)})").ConfigureAwait(false);

        string optimised = Path.Combine(folder, "int8-optimised.onnx");
        using (NanoDetDetector.Create(int8, new DetectorOptions { Threads = 1 }, optimised))
        {
        }

        OnnxGraphSummary graphSummary = OnnxGraphSummary.Read(optimised);
        await output.WriteLineAsync($"optimised INT8 graph: {graphSummary.Count("QLinearConv")} QLinearConv, {graphSummary.Count("Conv") + graphSummary.Count("FusedConv")} float Conv, {graphSummary.Count("QuantizeLinear")} QuantizeLinear, {graphSummary.Count("DequantizeLinear")} DequantizeLinear, {graphSummary.Count("LeakyRelu") + graphSummary.Count("QLinearLeakyRelu")} LeakyRelu ({graphSummary.Count("QLinearLeakyRelu")} integer)").ConfigureAwait(false);

        await output.WriteLineAsync($"| model | labelled frames within ±1 person (of {labels.Count}) | mean |error| | people / frame | vehicles / frame | mean person score |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---|---|---|---|---|").ConfigureAwait(false);
        foreach ((string name, string model) in new[] { ("FP32", fp32), ("INT8", int8) })
        {
            using var detector = NanoDetDetector.Create(model, new DetectorOptions { Threads = 2 });
            (int within, double error) = await LabelledAsync(detector, vtest, labels).ConfigureAwait(false);
            (int people, int vehicles, int counted, double score) = await ThroughputBenchmark.CountDetectionsAsync(vtest, model, lastFrame).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {name} | {within} | {error:0.00} | {people / (double)counted:0.00} | {vehicles / (double)counted:0.00} | {score:0.000} |")).ConfigureAwait(false);
        }

        await output.WriteLineAsync($"| model | threads | bare inference ms/frame ({iterations} runs after 10) |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---|---|").ConfigureAwait(false);
        foreach (int threads in new[] { 1, 2 })
        {
            foreach ((string name, string model) in new[] { ("FP32", fp32), ("INT8", int8) })
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {name} {size} | {threads} | {ThroughputBenchmark.BareInferenceMs(model, threads, spin: false, iterations):0.0} |")).ConfigureAwait(false);
            }
        }

        Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// Measures every convolution's input and output range on the calibration frames: every
    /// <paramref name="every"/>th frame of vtest.avi more than 3 frames from a labelled one, and of
    /// tree.avi; min–max, or clipped to a percentile of a sample of each tensor's values.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, ActivationRange>> CalibrateAsync(string graph, int size, int every, double percentile, TextWriter output)
    {
        string vtest = BenchAssets.Path("sample-vtest");
        string tree = BenchAssets.Path("sample-tree");
        Dictionary<int, int> labels = Labels();
        var clock = Stopwatch.StartNew();
        (byte[] calibration, IReadOnlyList<string> tensors) = Int8Conversion.CalibrationModel(graph, size);
        var samples = tensors.ToDictionary(t => t, _ => new List<float>(), StringComparer.Ordinal);
        var ranges = tensors.ToDictionary(t => t, _ => new ActivationRange(float.MaxValue, float.MinValue), StringComparer.Ordinal);
        int frames = 0;
        using (var session = new InferenceSession(calibration, new SessionOptions { IntraOpNumThreads = 2, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC }))
        {
            string input = session.InputMetadata.Keys.Single();
            foreach ((string video, Func<long, bool> take) in new (string, Func<long, bool>)[]
            {
                (vtest, i => i % every == 0 && labels.Keys.All(l => Math.Abs(l - i) > 3)),
                (tree, i => i % every == 0),
            })
            {
                await foreach (float[] nchw in FramesAsync(video, size, take).ConfigureAwait(false))
                {
                    using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run([NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(nchw, [1, 3, size, size]))], tensors);
                    foreach (DisposableNamedOnnxValue result in results)
                    {
                        Tensor<float> values = result.AsTensor<float>();
                        (float min, float max) = (ranges[result.Name].Min, ranges[result.Name].Max);
                        List<float> kept = samples[result.Name];
                        int stride = Math.Max(1, (int)(values.Length / 4096));
                        int k = 0;
                        foreach (float v in values)
                        {
                            min = Math.Min(min, v);
                            max = Math.Max(max, v);
                            if (k++ % stride == 0)
                            {
                                kept.Add(v);
                            }
                        }

                        ranges[result.Name] = new ActivationRange(min, max);
                    }

                    frames++;
                }
            }
        }

        if (percentile < 100)
        {
            foreach (string t in tensors)
            {
                List<float> kept = samples[t];
                kept.Sort();
                float lo = kept[(int)Math.Floor((100 - percentile) / 100 * (kept.Count - 1))];
                float hi = kept[(int)Math.Ceiling(percentile / 100 * (kept.Count - 1))];
                ranges[t] = new ActivationRange(Math.Max(lo, ranges[t].Min), Math.Min(hi, ranges[t].Max));
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"calibration: {frames} frames, {tensors.Count} tensors, ranges {(percentile < 100 ? $"clipped to the {percentile} percentile" : "min-max")}, {clock.Elapsed.TotalSeconds:0} s")).ConfigureAwait(false);
        return ranges;
    }

    /// <summary>Calibrates and writes the table the INT8 asset is made from (<c>src/Vigil.Assets/Conversion/Quantization</c>).</summary>
    public static async Task WriteTableAsync(string[] args, TextWriter output)
    {
        int size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 416;
        int every = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        IReadOnlyDictionary<string, ActivationRange> ranges = await CalibrateAsync(BenchAssets.Path("nanodet-graph"), size, every, 100, output).ConfigureAwait(false);
        string path = Path.Combine(RepoRoot(), "src", "Vigil.Assets", "Conversion", "Quantization", Int8Ranges.ResourceName(size));
        await File.WriteAllTextAsync(path, Int8Ranges.ToJson(size, ranges, $"min-max over the calibration frames (every {every}th frame of vtest.avi more than 3 frames from a labelled one, and of tree.avi), measured with the FP32 conversion by the command Vigil.Vision.Benchmarks calibrate {size} {every}")).ConfigureAwait(false);
        await output.WriteLineAsync($"wrote {path}").ConfigureAwait(false);
    }

    private static string RepoRoot()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Vigil.slnx")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/'))!;
        }

        return root;
    }

    private static Dictionary<int, int> Labels()
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "tests", "Vigil.Vision.Tests", "Data", "vtest-people.json")));
        return json.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object)
            .SelectMany(set => set.Value.EnumerateObject())
            .ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => p.Value.GetInt32());
    }

    private static async IAsyncEnumerable<float[]> FramesAsync(string video, int size, Func<long, bool> take)
    {
        await using FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(video, CancellationToken.None).ConfigureAwait(false);
        using var frame = new VideoFrame(reader.Info.Width, reader.Info.Height);
        using var resized = new Mat();
        while (await reader.ReadAsync(frame, CancellationToken.None).ConfigureAwait(false))
        {
            if (take(frame.Index))
            {
                float[] nchw = new float[3 * size * size];
                Preprocessing.ToNchwRgb(frame.Mat, resized, nchw, size);
                yield return nchw;
            }
        }
    }

    private static async Task<(int Within, double MeanError)> LabelledAsync(NanoDetDetector detector, string video, Dictionary<int, int> labels)
    {
        await using FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(video, CancellationToken.None).ConfigureAwait(false);
        using var frame = new VideoFrame(reader.Info.Width, reader.Info.Height);
        var results = new List<DetectedObject>();
        int within = 0;
        double error = 0;
        long last = labels.Keys.Max();
        while (frame.Index < last && await reader.ReadAsync(frame, CancellationToken.None).ConfigureAwait(false))
        {
            if (labels.TryGetValue((int)frame.Index, out int expected))
            {
                detector.Detect(frame.Mat, results);
                int people = results.Count(r => r.Label == "person");
                within += Math.Abs(people - expected) <= 1 ? 1 : 0;
                error += Math.Abs(people - expected);
            }
        }

        return (within, error / labels.Count);
    }
}

using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Vigil.Assets.Cache;
using Vigil.Assets.Conversion;
using Vigil.Assets.Conversion.Onnx;
using Vigil.Assets.Manifest;
using Xunit.Abstractions;

namespace Vigil.Assets.Tests.Conversion;

public sealed class TfjsToOnnxConverterTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly AssetLocator _assets = AssetLocator.Default();

    public void Dispose() => _temp.Dispose();

    private string GraphPath => _assets.GetVerifiedPathAsync("nanodet-graph", CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void Convert_NanoDet_IsByteForByteTheManifestsModel()
    {
        byte[] model = TfjsToOnnxConverter.Convert(GraphPath, 416);

        Assert.Equal(AssetManifest.LoadEmbedded()["nanodet-onnx"].Sha256, Checksums.Sha256OfBytes(model));
    }

    [Fact]
    public async Task Convert_NanoDet_PassesTheOnnxCheckerWithStrictShapeInference()
    {
        string path = Path.Combine(_temp.Path, "nanodet.onnx");
        await File.WriteAllBytesAsync(path, TfjsToOnnxConverter.Convert(GraphPath, 416));

        // Debian's python3-onnx (installed by ./vigil test): the reference ONNX checker.
        (int exit, string text) = await RunAsync(
            "/usr/bin/python3",
            "-c",
            "import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); onnx.shape_inference.infer_shapes(m, strict_mode=True); print('ok')",
            path);

        Assert.True(exit == 0, text);
    }

    [Fact]
    public void Convert_NanoDet_OptimisedByOnnxRuntimeFoldsLayoutTransposesAndFusesPadsAndActivations()
    {
        string path = Path.Combine(_temp.Path, "nanodet.onnx");
        string optimised = Path.Combine(_temp.Path, "nanodet.optimised.onnx");
        File.WriteAllBytes(path, TfjsToOnnxConverter.Convert(GraphPath, 416));
        OnnxGraphSummary before = OnnxGraphSummary.Read(path);

        using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED, OptimizedModelFilePath = optimised })
        using (var session = new InferenceSession(path, options))
        {
            Assert.Equal(6, session.OutputMetadata.Count);
        }

        OnnxGraphSummary after = OnnxGraphSummary.Read(optimised);
        output.WriteLine("before: " + string.Join(", ", before.OperatorCounts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        output.WriteLine("after:  " + string.Join(", ", after.OperatorCounts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));

        Assert.Equal(34, before.Count("Conv"));
        Assert.True(before.Count("Transpose") > 100);
        // Every zero pad before a convolution is fused into it; the one left pads the max-pool
        // with -inf, which ONNX Runtime's pad fusion leaves alone (it fuses zero padding only).
        Assert.Equal(29, before.Count("Pad"));
        Assert.Equal(1, after.Count("Pad"));
        Assert.Equal(0, after.Count("LeakyRelu"));
        Assert.Equal(34, after.Count("FusedConv") + after.Count("Conv"));
        Assert.True(after.Count("Transpose") <= 6, $"{after.Count("Transpose")} transposes survive optimisation");
    }

    [Fact]
    public async Task ConvertModel_FreeSize_RunsAtAnyMultipleOf32_AndAt416GivesTheFixedModelsOutputs()
    {
        string free = Path.Combine(_temp.Path, "nanodet-free.onnx");
        await File.WriteAllBytesAsync(free, TfjsToOnnxConverter.ConvertModel(GraphPath, 416, freeSize: true).ToBytes());
        string fixedSize = Path.Combine(_temp.Path, "nanodet-416.onnx");
        await File.WriteAllBytesAsync(fixedSize, TfjsToOnnxConverter.Convert(GraphPath, 416));
        (int exit, string text) = await RunAsync(
            "/usr/bin/python3",
            "-c",
            "import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); onnx.shape_inference.infer_shapes(m, strict_mode=True); print('ok')",
            free);
        Assert.True(exit == 0, text);

        using var session = new InferenceSession(free);
        using var reference = new InferenceSession(fixedSize);
        Assert.Equal([1, 3, -1, -1], session.InputMetadata.Single().Value.Dimensions);
        Dictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("416", metadata[TfjsToOnnxConverter.InputSizeKey]);
        (int Stride, string Scores, string Boxes)[] heads = metadata[TfjsToOnnxConverter.HeadsKey].Split(';')
            .Select(e => e.Split(':', ','))
            .Select(p => (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p[1], p[2]))
            .ToArray();
        Assert.Equal([8, 16, 32], heads.Select(h => h.Stride));

        // A 224×320 crop: each head has (224/stride)·(320/stride) cells.
        Dictionary<string, float[]> crop = Run(session, 224, 320);
        foreach ((int stride, string scores, string boxes) in heads)
        {
            Assert.Equal(224 / stride * (320 / stride) * 80, crop[scores].Length);
            Assert.Equal(224 / stride * (320 / stride) * 44, crop[boxes].Length);
        }

        // At the size it is sized for, the free model computes what the fixed one does.
        Dictionary<string, float[]> a = Run(session, 416, 416);
        Dictionary<string, float[]> b = Run(reference, 416, 416);
        foreach ((string name, float[] values) in b)
        {
            float worst = values.Zip(a[name], (x, y) => Math.Abs(x - y)).Max();
            Assert.True(worst < 1e-4f, $"{name} differs by {worst}");
        }
    }

    private static Dictionary<string, float[]> Run(InferenceSession session, int height, int width)
    {
        float[] input = new float[3 * height * width];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (i * 7 % 255) / 255f;
        }

        using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 3, height, width]);
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(new RunOptions(), [session.InputMetadata.Keys.Single()], [value], session.OutputMetadata.Keys.ToArray());
        return session.OutputMetadata.Keys.Zip(outputs, (name, o) => (name, o.GetTensorDataAsSpan<float>().ToArray())).ToDictionary(p => p.name, p => p.Item2, StringComparer.Ordinal);
    }

    [Fact]
    public void Convert_At320_ShrinksEveryGridAndStillLoads()
    {
        string path = Path.Combine(_temp.Path, "nanodet-320.onnx");
        File.WriteAllBytes(path, TfjsToOnnxConverter.Convert(GraphPath, 320));

        using var session = new InferenceSession(path);

        Assert.Equal([1, 3, 320, 320], session.InputMetadata.Single().Value.Dimensions);
        int[] cells = session.OutputMetadata.Values.Select(v => v.Dimensions[1]).Distinct().Order().ToArray();
        Assert.Equal([100, 400, 1600], cells);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(32)]
    public void Convert_InputSizeNotAMultipleOf32_IsRefused(int size)
    {
        ConversionException ex = Assert.Throws<ConversionException>(() => TfjsToOnnxConverter.Convert(GraphPath, size));

        Assert.Contains("multiple of 32", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Text)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

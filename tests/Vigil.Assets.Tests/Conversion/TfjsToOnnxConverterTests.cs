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

using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Vigil.Assets.Cache;
using Vigil.Assets.Conversion;
using Vigil.Assets.Conversion.Onnx;
using Vigil.Assets.Conversion.Quantization;
using Vigil.Assets.Manifest;

namespace Vigil.Assets.Tests.Conversion.Quantization;

/// <summary>
/// The INT8 NanoDet (issue 24): made from the shipped calibration table it is byte for byte the
/// manifest's asset, the reference ONNX checker accepts it, and ONNX Runtime's optimiser turns every
/// convolution into an integer one — the graph is checked, not only the output.
/// </summary>
public sealed class Int8ConversionTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly AssetLocator _assets = AssetLocator.Default();

    public void Dispose() => _temp.Dispose();

    private string GraphPath => _assets.GetVerifiedPathAsync("nanodet-graph", CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void Quantize_WithTheShippedTable_IsByteForByteTheManifestsModel()
    {
        byte[] model = Int8Conversion.Quantize(GraphPath, 416, Int8Ranges.Load(416));

        Assert.Equal(AssetManifest.LoadEmbedded()["nanodet-int8"].Sha256, Checksums.Sha256OfBytes(model));
    }

    [Fact]
    public async Task Quantize_PassesTheOnnxChecker()
    {
        string path = Path.Combine(_temp.Path, "nanodet-int8.onnx");
        await File.WriteAllBytesAsync(path, Int8Conversion.Quantize(GraphPath, 416, Int8Ranges.Load(416)));

        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "-c", "import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print('ok')", path })
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        string text = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, text);
    }

    [Fact]
    public void Quantize_OptimisedByOnnxRuntime_RunsEveryConvolutionInIntegers()
    {
        string path = Path.Combine(_temp.Path, "nanodet-int8.onnx");
        string optimised = Path.Combine(_temp.Path, "nanodet-int8.optimised.onnx");
        File.WriteAllBytes(path, Int8Conversion.Quantize(GraphPath, 416, Int8Ranges.Load(416)));
        OnnxGraphSummary before = OnnxGraphSummary.Read(path);

        using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED, OptimizedModelFilePath = optimised })
        using (var session = new InferenceSession(path, options))
        {
            Assert.Equal(6, session.OutputMetadata.Count);
        }

        OnnxGraphSummary after = OnnxGraphSummary.Read(optimised);
        Assert.Equal(34, before.Count("Conv"));
        Assert.Equal(34 * 2, before.Count("QuantizeLinear"));
        Assert.Equal(34, after.Count("QLinearConv"));
        Assert.Equal(0, after.Count("Conv") + after.Count("FusedConv"));
    }

    [Fact]
    public void Activation_HoldsZeroExactly_AndSpansTheRange()
    {
        (float scale, byte zero) = QdqQuantizer.Activation(new ActivationRange(-1.2f, 2.4f));
        (float positiveScale, byte positiveZero) = QdqQuantizer.Activation(new ActivationRange(0.5f, 1f));

        Assert.Equal(3.6f / 255, scale, 6);
        Assert.Equal(85, zero);
        Assert.Equal(0, positiveZero);
        Assert.Equal(1f / 255, positiveScale, 6);
    }

    [Fact]
    public void Quantize_WithoutARangeForATensor_SaysWhich()
    {
        ConversionException error = Assert.Throws<ConversionException>(() => Int8Conversion.Quantize(GraphPath, 416, new Dictionary<string, ActivationRange>()));

        Assert.Contains("No calibrated range for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTable_ForASizeNotCalibrated_IsAClearError()
    {
        ConversionException error = Assert.Throws<ConversionException>(() => Int8Ranges.Load(384));

        Assert.Contains("calibrate 384", error.Message, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using OpenCvSharp;
using Vigil.Vision.Detection;
using Vigil.Vision.Tests.Decoding;

namespace Vigil.Vision.Tests.Detection;

/// <summary>
/// The converted ONNX model must compute what the original TF.js model computes. TensorFlow.js
/// (pure JavaScript CPU backend, tools/tfjs-reference) runs the package's own nanodet.json on
/// three real frames; ONNX Runtime runs Vigil's conversion on the same input tensors.
/// </summary>
public sealed class TfjsReferenceTests : IDisposable
{
    private const float Tolerance = 1e-3f;
    private readonly string _work = Directory.CreateTempSubdirectory("vigil-tfjs-ref-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task ConvertedModel_ThreeSampleFrames_MatchesTensorFlowJsWithin1e3()
    {
        using var detector = NanoDetDetector.Create(TestAssets.NanoDetFp32Model, new DetectorOptions());
        List<Mat> frames = await FrameGrabber.GrabAsync(TestAssets.VTest, 0, 300, 600);
        var inputs = new List<float[]>();
        for (int k = 0; k < frames.Count; k++)
        {
            float[] input = new float[3 * detector.InputSize * detector.InputSize];
            using var resized = new Mat();
            Preprocessing.ToNchwRgb(frames[k], resized, input, detector.InputSize);
            await File.WriteAllBytesAsync(Path.Combine(_work, $"input{k}.bin"), MemoryMarshal.AsBytes(input.AsSpan()).ToArray());
            inputs.Add(input);
            frames[k].Dispose();
        }

        await RunReferenceAsync(TestAssets.Path("nanodet-graph"), Enumerable.Range(0, inputs.Count).Select(k => Path.Combine(_work, $"input{k}.bin")));

        for (int k = 0; k < inputs.Count; k++)
        {
            float[][] actual = detector.RunRaw(inputs[k]);
            for (int o = 0; o < actual.Length; o++)
            {
                string name = detector.OutputNames[o];
                float[] expected = MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(Path.Combine(_work, "out", k.ToString(System.Globalization.CultureInfo.InvariantCulture), name + ".bin"))).ToArray();
                Assert.Equal(expected.Length, actual[o].Length);
                float worst = 0;
                for (int i = 0; i < expected.Length; i++)
                {
                    worst = Math.Max(worst, Math.Abs(expected[i] - actual[o][i]));
                }

                Assert.True(worst <= Tolerance, $"frame {k}, output {name}: max |onnx - tfjs| = {worst}");
            }
        }
    }

    private async Task RunReferenceAsync(string modelJson, IEnumerable<string> inputs)
    {
        string script = Path.Combine(RepoPaths.Root, "tools", "tfjs-reference", "reference.mjs");
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.Root, "tools", "tfjs-reference", "node_modules")), "run './vigil test', which installs tools/tfjs-reference with npm ci");
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { script, modelJson, Path.Combine(_work, "out") }.Concat(inputs))
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"reference run failed: {await stderr}{await stdout}");
    }
}

using System.Diagnostics;
using System.Globalization;
using Vigil.Domain.Cameras;
using Vigil.Vision.Detection;
using Vigil.Vision.Pipeline;
using Vigil.Vision.Redaction;

namespace Vigil.Vision.Benchmarks;

/// <summary>
/// How many cameras this machine sustains: N pipelines each playing vtest.avi looped at its
/// native 10 fps, detection at 5 ticks/s with motion gating, people-mode redaction, one shared
/// detector. A camera keeps up when it handled (detected or gated) every tick of the window.
/// </summary>
internal static class CameraCountBenchmark
{
    /// <summary>Runs the benchmark: <c>[--seconds N] COUNT...</c> (a 60 s window after 5 s warm-up unless told; the tests' smoke run uses a few seconds).</summary>
    public static async Task RunAsync(string[] args, TextWriter? output = null)
    {
        TextWriter o = output ?? Console.Out;
        int seconds = 60;
        int warmUp = 5;
        if (args.Length >= 2 && args[0] == "--seconds")
        {
            seconds = int.Parse(args[1], CultureInfo.InvariantCulture);
            warmUp = Math.Min(warmUp, Math.Max(1, seconds / 2));
            args = args[2..];
        }

        int[] counts = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [8, 12, 16];
        string vtest = BenchAssets.Path("sample-vtest");
        await o.WriteLineAsync($"machine: {Environment.ProcessorCount} cores; window {seconds} s after {warmUp} s warm-up; detection 5/s, gating on, 1 detector thread per call").ConfigureAwait(false);
        await o.WriteLineAsync("| cameras | ticks expected per camera | fewest ticks handled | frames dropped (all cameras) | all kept up |").ConfigureAwait(false);
        await o.WriteLineAsync("|---|---|---|---|---|").ConfigureAwait(false);
        foreach (int n in counts)
        {
            using var detector = NanoDetDetector.Create(BenchAssets.Path("nanodet-onnx"), new DetectorOptions { Threads = 1 });
            var pipelines = Enumerable.Range(0, n).Select(i => new CameraSession(
                new Camera { Id = $"cam{i}", Name = $"cam{i}", Url = vtest, Purpose = "Benchmark", LegalBasis = "Benchmark", Retention = TimeSpan.FromHours(1), DetectFps = 5 },
                vtest,
                detector,
                new Redactor(RedactionMode.People, [], new RedactionOptions(), null),
                new PipelineOptions(),
                TimeProvider.System)).ToArray();
            foreach (CameraSession p in pipelines)
            {
                p.Start();
            }

            await Task.Delay(TimeSpan.FromSeconds(warmUp)).ConfigureAwait(false);
            long[] ticksBefore = pipelines.Select(p => p.Ticks).ToArray();
            long droppedBefore = pipelines.Sum(p => p.FramesDropped);
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            double elapsed = clock.Elapsed.TotalSeconds;
            long[] ticks = pipelines.Select((p, i) => p.Ticks - ticksBefore[i]).ToArray();
            long dropped = pipelines.Sum(p => p.FramesDropped) - droppedBefore;
            double expected = elapsed * 5;
            bool keptUp = ticks.All(t => t >= Math.Floor(expected) - 1);
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {n} | {expected:0} | {ticks.Min()} | {dropped} | {(keptUp ? "yes" : "no")} |")).ConfigureAwait(false);
            foreach (CameraSession p in pipelines)
            {
                await p.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}

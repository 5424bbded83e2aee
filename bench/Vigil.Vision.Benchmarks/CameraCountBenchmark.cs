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
/// With <c>--recording both</c> each count runs without and with continuous recording (x264
/// ultrafast segments into a temporary folder), for the CPU and disk recording costs; with
/// <c>--precision both</c>, with the FP32 detector (the path before issue 24) and the INT8 one;
/// with <c>--regions both</c>, INT8 on the whole frame at every detection (the path before
/// motion regions) and on motion regions (the default).
/// </summary>
internal static class CameraCountBenchmark
{
    /// <summary>Runs the benchmark: <c>[--seconds N] [--recording off|on|both] [--precision int8|fp32|both] [--regions on|off|both] COUNT...</c> (a 60 s window after 5 s warm-up unless told; the tests' smoke run uses a few seconds).</summary>
    public static async Task RunAsync(string[] args, TextWriter? output = null)
    {
        TextWriter o = output ?? Console.Out;
        int seconds = 60;
        int warmUp = 5;
        bool[] recordingModes = [false];
        DetectorPrecision[] precisions = [DetectorPrecision.Quantized];
        bool[] regionModes = [true];
        while (args.Length >= 2 && args[0].StartsWith("--", StringComparison.Ordinal))
        {
            if (args[0] == "--seconds")
            {
                seconds = int.Parse(args[1], CultureInfo.InvariantCulture);
                warmUp = Math.Min(warmUp, Math.Max(1, seconds / 2));
            }
            else if (args[0] == "--recording")
            {
                recordingModes = args[1] switch { "on" => [true], "both" => [false, true], _ => [false] };
            }
            else if (args[0] == "--regions")
            {
                regionModes = args[1] switch { "off" => [false], "both" => [false, true], _ => [true] };
            }
            else if (args[0] == "--precision")
            {
                precisions = args[1] switch { "fp32" => [DetectorPrecision.Full], "both" => [DetectorPrecision.Full, DetectorPrecision.Quantized], _ => [DetectorPrecision.Quantized] };
            }

            args = args[2..];
        }

        int[] counts = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [8, 12, 16];
        string vtest = BenchAssets.Path("sample-vtest");
        await o.WriteLineAsync($"machine: {Environment.ProcessorCount} cores; window {seconds} s after {warmUp} s warm-up; detection 5/s, gating on, 1 detector thread per call").ConfigureAwait(false);
        await o.WriteLineAsync("| cameras | detector | detects on | recording | ticks expected per camera | fewest ticks handled | frames dropped (all cameras) | all kept up | CPU ms per camera-second (all processes) | MB per camera-hour |").ConfigureAwait(false);
        await o.WriteLineAsync("|---|---|---|---|---|---|---|---|---|---|").ConfigureAwait(false);
        foreach (int n in counts)
        {
            foreach (DetectorPrecision precision in precisions)
            {
                foreach (bool regions in precision == DetectorPrecision.Full ? [false] : regionModes)
                {
                    foreach (bool recording in recordingModes)
                    {
                        await RunOneAsync(o, vtest, n, precision, regions, recording, seconds, warmUp).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private static async Task RunOneAsync(TextWriter o, string vtest, int n, DetectorPrecision precision, bool regions, bool recording, int seconds, int warmUp)
    {
        using var detector = NanoDetDetector.Create(BenchAssets.Path(DetectorModels.AssetId(precision)), new DetectorOptions { Threads = 1 });
        string folder = Directory.CreateTempSubdirectory("vigil-bench-recordings-").FullName;
        var policy = new RecordingPolicy { Mode = recording ? RecordingMode.Continuous : RecordingMode.Off };
        var pipelines = Enumerable.Range(0, n).Select(i => new CameraSession(
            new Camera { Id = $"cam{i}", Name = $"cam{i}", Url = vtest, Purpose = "Benchmark", LegalBasis = "Benchmark", Retention = TimeSpan.FromHours(1), DetectFps = 5, Recording = policy },
            vtest,
            detector,
            new Redactor(RedactionMode.People, [], new RedactionOptions(), null),
            new PipelineOptions { MotionRegions = regions },
            TimeProvider.System,
            recordings: recording ? folder : null)).ToArray();

        // Nobody reads the outputs here but the recorder's finished segments need a reader.
        Task[] drains = pipelines.Select(p => Task.Run(async () => { await foreach (CameraOutput _ in p.Output.ReadAllAsync().ConfigureAwait(false)) { } })).ToArray();
        foreach (CameraSession p in pipelines)
        {
            p.Start();
        }

        await Task.Delay(TimeSpan.FromSeconds(warmUp)).ConfigureAwait(false);
        long[] ticksBefore = pipelines.Select(p => p.Ticks).ToArray();
        long droppedBefore = pipelines.Sum(p => p.FramesDropped);
        TimeSpan cpuBefore = CpuTime();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
        double elapsed = clock.Elapsed.TotalSeconds;
        TimeSpan cpu = CpuTime() - cpuBefore;
        long[] ticks = pipelines.Select((p, i) => p.Ticks - ticksBefore[i]).ToArray();
        long dropped = pipelines.Sum(p => p.FramesDropped) - droppedBefore;
        double expected = elapsed * 5;
        bool keptUp = ticks.All(t => t >= Math.Floor(expected) - 1);
        foreach (CameraSession p in pipelines)
        {
            await p.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(drains).ConfigureAwait(false);
        double bytes = Directory.EnumerateFiles(folder, "*.mp4", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        double recorded = elapsed + warmUp;
        string perHour = recording ? (bytes / 1e6 / n / recorded * 3600).ToString("0", CultureInfo.InvariantCulture) : "-";
        Directory.Delete(folder, recursive: true);
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {n} | {(precision == DetectorPrecision.Full ? "fp32" : "int8")} | {(regions ? "motion regions" : "whole frame")} | {(recording ? "continuous" : "off")} | {expected:0} | {ticks.Min()} | {dropped} | {(keptUp ? "yes" : "no")} | {cpu.TotalMilliseconds / n / elapsed:0} | {perHour} |")).ConfigureAwait(false);
    }

    /// <summary>CPU time of this process, its exited children (cutime, cstime) and its running children (the ffmpeg decoders and encoders), from Linux /proc.</summary>
    private static TimeSpan CpuTime()
    {
        using Process self = Process.GetCurrentProcess();
        string[] own = Fields(Path.Combine("/proc", "self", "stat"))!;
        long ticks = Sum(own, 13, 14, 15, 16);
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out int pid) && pid != self.Id
                && Fields(Path.Combine(dir, "stat")) is { } fields && fields[3] == self.Id.ToString(CultureInfo.InvariantCulture))
            {
                ticks += Sum(fields, 13, 14);
            }
        }

        // Clock ticks: 100 a second on Linux.
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>The fields after the command name of a /proc stat file (numbered as in proc(5) less one), or null when the process is gone.</summary>
    private static string[]? Fields(string path)
    {
        try
        {
            string text = File.ReadAllText(path);
            string rest = text[(text.LastIndexOf(')') + 2)..];
            return ["", "", .. rest.Split(' ')];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long Sum(string[] fields, params int[] at) => at.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
}

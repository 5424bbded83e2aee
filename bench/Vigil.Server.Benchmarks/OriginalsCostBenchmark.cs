using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Originals;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// What keeping a camera's originals costs (issue 22): one 1280x720 H.264 camera (a key frame a second,
/// 10 fps, played live from a file) run by the real host with analysis, redaction and continuous
/// recording, for SECONDS without originals (the baseline) and then SECONDS with them, in the same run.
/// Measured: CPU seconds per second of this process and its ffmpeg children from /proc, the originals'
/// ffmpeg (stream copy) apart; bytes sealed.
/// </summary>
internal static class OriginalsCostBenchmark
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
        string folder = Directory.CreateTempSubdirectory("vigil-originals-bench-").FullName;
        try
        {
            string camera = Path.Combine(folder, "camera.mp4");
            await FfmpegAsync("-hide_banner", "-v", "error", "-f", "lavfi", "-i", "testsrc2=duration=60:size=1280x720:rate=10", "-c:v", "libx264", "-preset", "veryfast", "-g", "10", "-b:v", "2M", "-pix_fmt", "yuv420p", camera).ConfigureAwait(false);
            var rows = new List<string>();
            foreach (bool originals in new[] { false, true })
            {
                string config = Path.Combine(folder, $"vigil-{originals}.yaml");
                await File.WriteAllTextAsync(config, $$"""
                    cameras:
                      - id: gate
                        name: Gate
                        url: {{camera}}
                        purpose: Benchmark
                        legal_basis: Benchmark
                        retention: 1h
                        record: { mode: continuous, retain: 1 }
                        detect: { fps: 5 }
                    {{(originals ? "    originals: { keep: 1h }" : "")}}
                    """).ConfigureAwait(false);
                await using BenchHost host = await BenchHost.StartAsync(config, null, pipelines: true, extra: new Dictionary<string, string?> { ["Vigil:OriginalsSecret"] = "originals-benchmark-secret" }).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, seconds)), CancellationToken.None).ConfigureAwait(false);
                (double selfBefore, Dictionary<int, (string Command, double Seconds)> childrenBefore) = ProcessCpu.Read();
                var clock = Stopwatch.StartNew();
                await Task.Delay(TimeSpan.FromSeconds(seconds), CancellationToken.None).ConfigureAwait(false);
                (double selfAfter, Dictionary<int, (string Command, double Seconds)> childrenAfter) = ProcessCpu.Read();
                double wall = clock.Elapsed.TotalSeconds;
                double copy = 0, decoders = 0;
                // Only this benchmark's ffmpeg (its camera file is in its own folder): a test process may run other hosts' cameras too.
                foreach ((int pid, (string command, double cpu)) in childrenAfter.Where(c => c.Value.Command.Contains(camera, StringComparison.Ordinal)))
                {
                    double used = cpu - (childrenBefore.TryGetValue(pid, out var before) ? before.Seconds : 0);
                    if (command.Contains("-c copy", StringComparison.Ordinal))
                    {
                        copy += used;
                    }
                    else
                    {
                        decoders += used;
                    }
                }

                double self = selfAfter - selfBefore;
                long sealedBytes = originals ? host.App.Services.GetRequiredService<OriginalStore>().List("gate", DateTimeOffset.MinValue.AddYears(1), DateTimeOffset.MaxValue.AddYears(-1)).Sum(s => s.Bytes) : 0;
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {(originals ? "with originals" : "without originals (baseline)")} | {wall:0} s | {self / wall:0.000} | {decoders / wall:0.000} | {copy / wall:0.000} | {(self + decoders + copy) / wall:0.000} | {sealedBytes / 1e6:0.0} MB |"));
            }

            double sealSecondsPerMb = SealCost(folder);
            await output.WriteLineAsync($"one 1280x720 H.264 camera at 10 fps (2 Mbit/s, a key frame a second), analysis at 5/s, continuous recording; CPU seconds per second").ConfigureAwait(false);
            await output.WriteLineAsync("| run | window | Vigil process | decoder and recorder ffmpeg | originals' ffmpeg (stream copy) | all | sealed on disk |").ConfigureAwait(false);
            await output.WriteLineAsync("|---|---|---|---|---|---|---|").ConfigureAwait(false);
            foreach (string row in rows)
            {
                await output.WriteLineAsync(row).ConfigureAwait(false);
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"sealing (AES-256-GCM, a data key per segment), same run: {sealSecondsPerMb * 1000:0.00} ms of CPU per MB")).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>CPU seconds to seal one MB, timed over twenty 2.5 MB segments (a 10 s segment at 2 Mbit/s).</summary>
    private static double SealCost(string folder)
    {
        using Vigil.Data.Originals.OriginalKeys keys = Vigil.Data.Originals.OriginalKeys.LoadOrCreate(Path.Combine(folder, "keys"), "originals-benchmark-secret");
        byte[] segment = System.Security.Cryptography.RandomNumberGenerator.GetBytes(2_500_000);
        DateTimeOffset at = TimeProvider.System.GetUtcNow();
        keys.Seal("gate", at, at.AddSeconds(10), segment);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 20; i++)
        {
            keys.Seal("gate", at, at.AddSeconds(10), segment);
        }

        return clock.Elapsed.TotalSeconds / (20 * 2.5);
    }

    private static async Task FfmpegAsync(params string[] args)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        string errors = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + errors);
        }
    }
}

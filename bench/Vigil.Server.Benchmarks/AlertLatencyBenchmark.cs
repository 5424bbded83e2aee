using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// From a frame's decode to its alert arriving at a SignalR client, with N cameras running (copies
/// of the demo's campus path, which fires alerts, plus the demo's lobby and trees). In the same run:
/// the pipeline's own part (decode to end of analysis and redaction, from the lag histogram).
/// </summary>
internal static partial class AlertLatencyBenchmark
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        int cameras = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        int seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 90;
        int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        string precision = args.Length > 3 ? args[3] : "int8";
        bool regions = args.Length <= 4 || args[4] != "whole";
        bool recordCopies = args.Length <= 5 || args[5] != "norecord";
        string config = Path.Combine(Path.GetTempPath(), $"vigil-bench-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(config, Config(cameras, recordCopies).Replace("detect: { fps: 5 }", $"detect: {{ fps: 5, precision: {precision} }}", StringComparison.Ordinal)).ConfigureAwait(false);
        await using BenchHost host = await BenchHost.StartAsync(config, database: null, pipelines: true, threads, extra: new Dictionary<string, string?> { ["Vigil:Pipeline:MotionRegions"] = regions ? "true" : "false" }).ConfigureAwait(false);
        string token = await host.TokenAsync("operator", "supervisor").ConfigureAwait(false);
        var samples = new List<double>();
        int updates = 0;
        HubConnection hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.Address, "/hubs/ops"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await using (hub.ConfigureAwait(false))
        {
            hub.On<JsonElement>("alert", push =>
            {
                DateTimeOffset received = TimeProvider.System.GetUtcNow();
                JsonElement alert = push.GetProperty("alert");
                if (push.GetProperty("change").GetString() != "opened" || alert.GetProperty("frameDecodedAt").ValueKind != JsonValueKind.String)
                {
                    Interlocked.Increment(ref updates);
                    return;
                }

                double ms = (received - alert.GetProperty("frameDecodedAt").GetDateTimeOffset()).TotalMilliseconds;
                lock (samples)
                {
                    samples.Add(ms);
                }
            });
            await hub.StartAsync().ConfigureAwait(false);
            // Warm-up: 15 s, or as long as the window for a short (smoke) run.
            int warmUp = Math.Min(15, seconds);
            await output.WriteLineAsync($"{cameras} cameras ({(recordCopies ? "copies recording" : "copies not recording")}), {precision} detector on {(regions ? "motion regions" : "the whole frame")}, detector threads {threads}, {seconds} s, alerts measured from frame decode to SignalR client (warm-up {warmUp} s excluded)").ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(warmUp)).ConfigureAwait(false);
            lock (samples)
            {
                samples.Clear();
            }

            using HttpClient client = host.Client(token);
            string before = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            string after = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)).ConfigureAwait(false);
            List<double> copy;
            lock (samples)
            {
                copy = [.. samples];
            }

            await output.WriteLineAsync($"end to end (decode -> stored -> pushed -> received): {BenchHost.Percentiles(copy)}").ConfigureAwait(false);
            await output.WriteLineAsync($"pipeline only (decode -> analysed + redacted), from the lag histogram: {LagSummary(before, after)}").ConfigureAwait(false);
            await output.WriteLineAsync($"frames decoded {Delta(before, after, "vigil_frames_decoded_total")}, processed {Delta(before, after, "vigil_frames_processed_total")}, dropped {Delta(before, after, "vigil_frames_dropped_total")} in {clock.Elapsed.TotalSeconds:0} s").ConfigureAwait(false);
        }

        File.Delete(config);
    }

    /// <summary>Sum of a per-camera counter's growth between two scrapes.</summary>
    private static double Delta(string before, string after, string name) => Sum(after, name) - Sum(before, name);

    private static double Sum(string text, string name) =>
        text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>The bucket bounds within which the 50th and 99th percentile of the lag fell during the run.</summary>
    private static string LagSummary(string before, string after)
    {
        Dictionary<string, double> b = Buckets(before), a = Buckets(after);
        var bounds = a.Keys.ToList();
        double total = a["+Inf"] - b.GetValueOrDefault("+Inf");
        string Quantile(double q)
        {
            foreach (string le in bounds)
            {
                if (a[le] - b.GetValueOrDefault(le) >= q * total)
                {
                    return le == "+Inf" ? "> largest bucket" : $"<= {double.Parse(le, CultureInfo.InvariantCulture) * 1000:0} ms";
                }
            }

            return "?";
        }

        return $"n={total:0} p50 {Quantile(0.5)}, p99 {Quantile(0.99)}";
    }

    private static Dictionary<string, double> Buckets(string text)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match m in BucketLine().Matches(text))
        {
            result[m.Groups[1].Value] = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        return result;
    }

    [GeneratedRegex("""vigil_pipeline_lag_seconds_bucket\{le="([^"]+)"\} (\S+)""")]
    private static partial Regex BucketLine();

    /// <summary>A line at the margin (a top-level key or comment): the end of the cameras' list.</summary>
    [GeneratedRegex("\n[A-Za-z#]")]
    private static partial Regex TopLevelLine();

    /// <param name="cameras">How many cameras.</param>
    /// <param name="recordCopies">Whether the copies of the campus path record continuously as it does (off: what the cameras cost without recording).</param>
    private static string Config(int cameras, bool recordCopies)
    {
        string demo = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "demo.yaml"));
        // The demo's cameras (its list alone: the sections after it, units and sensors among them, are
        // not cameras), then more copies of the campus path (the camera whose rules fire) up to N.
        string list = demo[(demo.IndexOf("\ncameras:", StringComparison.Ordinal) + "\ncameras:".Length)..];
        Match next = TopLevelLine().Match(list);
        string[] blocks = (next.Success ? list[..next.Index] : list).Split("\n  - id: ");
        string campus = blocks.First(b => b.StartsWith("campus-path", StringComparison.Ordinal));
        var all = blocks.Where(b => b.Trim().Length > 0).Select(b => "  - id: " + b.TrimEnd() + "\n").ToList();
        for (int i = all.Count; i < cameras; i++)
        {
            string copy = campus.Replace("campus-path", $"campus-path-{i}", StringComparison.Ordinal);
            if (!recordCopies)
            {
                copy = copy.Replace("record: { mode: continuous, retain: 1 }", "record: { mode: off }", StringComparison.Ordinal);
            }

            all.Add("  - id: " + copy.TrimEnd() + "\n");
        }

        return "cameras:\n" + string.Concat(all.Take(cameras));
    }
}

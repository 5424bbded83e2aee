using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Assets.Cache;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Cameras;
using Vigil.Server.Pipelines;
using Vigil.Server.Recordings;
using Vigil.Vision.Decoding;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// Playback start for an hour of a camera's footage (issue 21): from the player's request to the
/// moment the first segment is in hand — the audited <c>POST /api/cameras/{id}/playback</c> over
/// the whole range (360 indexed segments), then the first segment's MP4 in full (its index is at the
/// front, so its first frame decodes from it; checked once with ffmpeg). Closed loop, one player at
/// a time, on the real host (Kestrel, loopback, SQLite). Baseline in the same run: <c>GET /api/me</c>.
/// The segments are copies of one real 10 s segment of vtest.avi encoded as the recorder encodes.
/// </summary>
internal static class PlaybackStartBenchmark
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        double hours = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1;
        int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        await using BenchHost host = await BenchHost.StartAsync(configPath: null, database: null, pipelines: false).ConfigureAwait(false);
        string camera = host.App.Services.GetRequiredService<CameraRegistry>().All[0].Camera.Id;
        (DateTimeOffset from, DateTimeOffset to, long bytes) = await SeedAsync(host, camera, hours).ConfigureAwait(false);
        using HttpClient client = host.Client(await host.TokenAsync("operator").ConfigureAwait(false));
        string request = $"/api/cameras/{camera}/playback";

        byte[] first = await StartAsync(client, request, from, to).ConfigureAwait(false);
        await AssertDecodableAsync(first, host.DataDirectory).ConfigureAwait(false);
        for (int i = 0; i < Math.Min(20, repeats); i++)
        {
            await StartAsync(client, request, from, to).ConfigureAwait(false);
            await MeAsync(client).ConfigureAwait(false);
        }

        var start = new List<double>(repeats);
        var answer = new List<double>(repeats);
        var me = new List<double>(repeats);
        for (int i = 0; i < repeats; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await StartAsync(client, request, from, to, answered => answer.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds)).ConfigureAwait(false);
            start.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            long t1 = Stopwatch.GetTimestamp();
            await MeAsync(client).ConfigureAwait(false);
            me.Add(Stopwatch.GetElapsedTime(t1).TotalMilliseconds);
        }

        int segments = (int)Math.Round(hours * 360);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"playback of {hours:0.##} h ({segments} segments of {bytes / 1024.0:0} KiB), {repeats} starts one after the other")).ConfigureAwait(false);
        await output.WriteLineAsync("| step | p50 | p90 | p99 | max |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---|---|---|---|").ConfigureAwait(false);
        await output.WriteLineAsync(Row("GET /api/me (baseline)", me)).ConfigureAwait(false);
        await output.WriteLineAsync(Row(string.Create(CultureInfo.InvariantCulture, $"playback answered (audited, {segments} segments listed)"), answer)).ConfigureAwait(false);
        await output.WriteLineAsync(Row("first segment in hand (start)", start)).ConfigureAwait(false);
    }

    private static async Task<byte[]> StartAsync(HttpClient client, string request, DateTimeOffset from, DateTimeOffset to, Action<bool>? answered = null)
    {
        using HttpResponseMessage play = await client.PostAsJsonAsync(request, new { from, to }).ConfigureAwait(false);
        play.EnsureSuccessStatusCode();
        using JsonDocument playback = await JsonDocument.ParseAsync(await play.Content.ReadAsStreamAsync().ConfigureAwait(false)).ConfigureAwait(false);
        answered?.Invoke(true);
        string url = playback.RootElement.GetProperty("segments")[0].GetProperty("url").GetString()!;
        return await client.GetByteArrayAsync(new Uri(url, UriKind.Relative)).ConfigureAwait(false);
    }

    private static async Task MeAsync(HttpClient client)
    {
        using HttpResponseMessage me = await client.GetAsync(new Uri("/api/me", UriKind.Relative)).ConfigureAwait(false);
        me.EnsureSuccessStatusCode();
        await me.Content.LoadIntoBufferAsync().ConfigureAwait(false);
    }

    /// <summary>An hour (or the given hours) of 10 s segments ending now, indexed as the recorder indexes them.</summary>
    private static async Task<(DateTimeOffset From, DateTimeOffset To, long Bytes)> SeedAsync(BenchHost host, string camera, double hours)
    {
        RecordingStore recordings = host.App.Services.GetRequiredService<RecordingStore>();
        string sample = Path.Combine(host.DataDirectory, "sample.mp4");
        await EncodeAsync(await AssetLocator.Default().GetVerifiedPathAsync("sample-vtest", CancellationToken.None).ConfigureAwait(false), sample).ConfigureAwait(false);
        byte[] content = await File.ReadAllBytesAsync(sample).ConfigureAwait(false);
        string sha = Convert.ToHexStringLower(SHA256.HashData(content));
        int count = Math.Max(1, (int)Math.Round(hours * 360));
        DateTimeOffset to = TimeProvider.System.GetUtcNow();
        DateTimeOffset from = to - TimeSpan.FromSeconds(10 * count);
        VigilDbContext db = host.OpenDatabase();
        await using (db.ConfigureAwait(false))
        {
            for (int i = 0; i < count; i++)
            {
                DateTimeOffset start = from + TimeSpan.FromSeconds(10 * i);
                string file = string.Create(CultureInfo.InvariantCulture, $"{camera}/{start.UtcDateTime:yyyy-MM-dd}/{start.UtcDateTime:HH}/{start.UtcDateTime:mm.ss.fff}.mp4");
                string path = recordings.PathOf(file)!;
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, content).ConfigureAwait(false);
                db.RecordingSegments.Add(new RecordingSegmentRecord
                {
                    Id = Guid.CreateVersion7(start).ToString("N"),
                    CameraId = camera,
                    File = file,
                    StartedAt = start,
                    EndedAt = start + TimeSpan.FromSeconds(10),
                    Bytes = content.Length,
                    Sha256 = sha,
                    Kind = FootageKind.Continuous,
                });
            }

            await db.SaveChangesAsync().ConfigureAwait(false);
        }

        return (from, to, content.Length);
    }

    /// <summary>10 s of the video as a camera's recorder writes it: 10 fps, x264 ultrafast, one thread, crf 26, index at the front.</summary>
    private static async Task EncodeAsync(string video, string output)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-hide_banner", "-v", "error", "-y", "-i", video, "-t", "10", "-vf", "fps=10", "-an", "-c:v", "libx264", "-preset", "ultrafast", "-threads", "1", "-crf", "26", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", output })
        {
            start.ArgumentList.Add(a);
        }

        using Process ffmpeg = Process.Start(start)!;
        string errors = await ffmpeg.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await ffmpeg.WaitForExitAsync().ConfigureAwait(false);
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg could not encode the sample segment: {errors}");
        }
    }

    /// <summary>The first frame of what the player received decodes (ffmpeg reads it as a file).</summary>
    private static async Task AssertDecodableAsync(byte[] segment, string folder)
    {
        string file = Path.Combine(folder, "received.mp4");
        await File.WriteAllBytesAsync(file, segment).ConfigureAwait(false);
        await using FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(file, CancellationToken.None).ConfigureAwait(false);
        using var frame = new VideoFrame(reader.Info.Width, reader.Info.Height);
        if (!await reader.ReadAsync(frame, CancellationToken.None).ConfigureAwait(false))
        {
            throw new InvalidOperationException("the first segment the player received has no decodable frame");
        }
    }

    private static string Row(string step, List<double> ms)
    {
        ms.Sort();
        double At(double q) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"| {step} | {At(0.50):0.0} ms | {At(0.90):0.0} ms | {At(0.99):0.0} ms | {ms[^1]:0.0} ms |");
    }
}

using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vigil.Domain.Security;

namespace Vigil.Vision.Decoding;

/// <summary>Reads a video's size and frame rate with <c>ffprobe</c>. Its messages never hold a URL's credentials or query (<see cref="SecretText"/>).</summary>
public static class VideoProbe
{
    /// <summary>Probes a file or stream URL.</summary>
    /// <exception cref="VideoSourceException">Missing, unreadable or without a video stream.</exception>
    public static Task<VideoInfo> ProbeAsync(string source, CancellationToken cancellationToken) =>
        ProbeAsync(source, SourceOptions.Default, cancellationToken);

    /// <summary>Probes a file or stream URL, opening a network camera as <paramref name="options"/> say.</summary>
    /// <exception cref="VideoSourceException">Missing, unreadable or without a video stream.</exception>
    public static async Task<VideoInfo> ProbeAsync(string source, SourceOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (!source.Contains("://", StringComparison.Ordinal) && !File.Exists(source))
        {
            throw new VideoSourceException($"no such file: {source}");
        }

        var info = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in options.InputArguments(source).Concat(["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,r_frame_rate,avg_frame_rate,nb_frames", "-of", "json", source]))
        {
            info.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new VideoSourceException("ffprobe did not start");
        }
        catch (Win32Exception ex)
        {
            throw new VideoSourceException("ffprobe (Debian package ffmpeg) is not installed; run ./vigil, which installs it", ex);
        }

        using (process)
        {
            // A camera that accepts the connection and then sends no video (or only keep-alives, which
            // reset ffprobe's socket timeout) must not hold the probe for ever.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(options.IoTimeout * 2);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
            Task<string> stderr = process.StandardError.ReadToEndAsync(limit.Token);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new VideoSourceException($"{SecretText.RedactUrl(source)} sent no video within {(options.IoTimeout * 2).TotalSeconds:0} s");
            }

            string output = await stdout.ConfigureAwait(false);
            string errors = (await stderr.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0)
            {
                throw new VideoSourceException($"{SecretText.RedactUrl(source)} is not a readable video ({FirstLine(SecretText.Scrub(errors, source))})");
            }

            return Parse(source, output);
        }
    }

    internal static VideoInfo Parse(string source, string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("streams", out JsonElement streams) || streams.GetArrayLength() == 0)
        {
            throw new VideoSourceException($"{SecretText.RedactUrl(source)} has no video stream");
        }

        JsonElement s = streams[0];
        int width = s.TryGetProperty("width", out JsonElement w) ? w.GetInt32() : 0;
        int height = s.TryGetProperty("height", out JsonElement h) ? h.GetInt32() : 0;
        double fps = Rate(s, "avg_frame_rate") ?? Rate(s, "r_frame_rate") ?? 0;
        long? frames = s.TryGetProperty("nb_frames", out JsonElement n) && long.TryParse(n.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long count) ? count : null;
        if (width <= 0 || height <= 0 || fps <= 0)
        {
            throw new VideoSourceException($"{SecretText.RedactUrl(source)} has a video stream without a usable size or frame rate");
        }

        return new VideoInfo(width, height, fps, frames);
    }

    private static double? Rate(JsonElement stream, string name)
    {
        if (!stream.TryGetProperty(name, out JsonElement value) || value.GetString() is not { } text)
        {
            return null;
        }

        string[] parts = text.Split('/');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double num)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double den)
            && den > 0 && num > 0
                ? num / den
                : null;
    }

    internal static string FirstLine(string text)
    {
        string line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no details";
        return line.Length > 200 ? line[..200] : line;
    }
}

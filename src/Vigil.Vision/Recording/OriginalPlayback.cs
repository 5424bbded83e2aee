using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using OpenCvSharp;

namespace Vigil.Vision.Recording;

/// <summary>
/// Plays opened original segments at their own rate as <see cref="WatermarkedJpeg"/>s (issue 22):
/// each piece is decoded by an ffmpeg fed from memory (nothing decrypted is written to disk), and on
/// every frame the watermark (the viewer, the request, the frame's recorded time) is drawn across the picture in
/// three places before it is encoded, so a screenshot or a cropped one still names who watched.
/// </summary>
public static class OriginalPlayback
{
    public static async IAsyncEnumerable<WatermarkedJpeg> PlayAsync(IAsyncEnumerable<OriginalPiece> pieces, string watermark, int quality, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        TimeSpan played = TimeSpan.Zero;
        await foreach (OriginalPiece piece in pieces.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            (int width, int height, double fps) = await ProbeAsync(piece.Stream, cancellationToken).ConfigureAwait(false);
            if (width <= 0 || height <= 0)
            {
                continue;
            }

            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in new[]
            {
                "-hide_banner", "-v", "error", "-re", "-f", "mpegts", "-i", "pipe:0",
                "-ss", piece.Skip.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
                "-t", piece.Length.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
                "-an", "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1",
            })
            {
                start.ArgumentList.Add(a);
            }

            using Process ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
            Task feed = FeedAsync(ffmpeg, piece.Stream, cancellationToken);
            Task drain = ffmpeg.StandardError.ReadToEndAsync(cancellationToken);
            byte[] raw = new byte[width * height * 3];
            using var frame = new Mat(height, width, MatType.CV_8UC3);
            Stream output = ffmpeg.StandardOutput.BaseStream;
            try
            {
                long index = 0;
                while (await output.ReadAtLeastAsync(raw, raw.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) == raw.Length)
                {
                    TimeSpan offset = TimeSpan.FromSeconds(index++ / Math.Max(1, fps));
                    yield return Watermark(frame, raw, $"{watermark} {(piece.Start + piece.Skip + offset).UtcDateTime:yyyy-MM-dd HH:mm:ss}Z", played + offset, quality);
                }

                played += TimeSpan.FromSeconds(index / Math.Max(1, fps));
            }
            finally
            {
                if (!ffmpeg.HasExited)
                {
                    ffmpeg.Kill();
                }

                await ffmpeg.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await Task.WhenAll(feed, drain).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException)
                {
                    // The viewer left or the view ended: ffmpeg was stopped mid-piece.
                }
            }
        }
    }

    /// <summary>Draws the watermark on the frame and encodes it: the one way to make a <see cref="WatermarkedJpeg"/>.</summary>
    private static WatermarkedJpeg Watermark(Mat frame, byte[] raw, string text, TimeSpan at, int quality)
    {
        System.Runtime.InteropServices.Marshal.Copy(raw, 0, frame.Data, raw.Length);
        double scale = Math.Max(0.4, frame.Width / 1400.0);
        int thickness = Math.Max(1, (int)Math.Round(scale * 2));
        foreach (double row in (double[])[0.12, 0.5, 0.88])
        {
            var origin = new Point(frame.Width / 40, (int)(frame.Height * row));
            Cv2.PutText(frame, text, origin, HersheyFonts.HersheySimplex, scale, Scalar.Black, thickness + 3, LineTypes.AntiAlias);
            Cv2.PutText(frame, text, origin, HersheyFonts.HersheySimplex, scale, Scalar.White, thickness, LineTypes.AntiAlias);
        }

        Cv2.ImEncode(".jpg", frame, out byte[] jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return new WatermarkedJpeg(jpeg, at);
    }

    private static async Task FeedAsync(Process ffmpeg, byte[] stream, CancellationToken cancellationToken)
    {
        try
        {
            await ffmpeg.StandardInput.BaseStream.WriteAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // ffmpeg stopped reading (it had what it needed, or it was stopped).
        }
        finally
        {
            try
            {
                ffmpeg.StandardInput.Close();
            }
            catch (IOException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>The piece's frame size and rate, read by ffprobe from memory.</summary>
    private static async Task<(int Width, int Height, double Fps)> ProbeAsync(byte[] stream, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-v", "error", "-f", "mpegts", "-i", "pipe:0", "-select_streams", "v:0", "-show_entries", "stream=width,height,avg_frame_rate", "-of", "csv=p=0" })
        {
            start.ArgumentList.Add(a);
        }

        using Process probe = Process.Start(start) ?? throw new InvalidOperationException("ffprobe did not start");
        Task feed = FeedAsync(probe, stream, cancellationToken);
        string output = await probe.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await probe.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await probe.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await feed.ConfigureAwait(false);
        string[] fields = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault("").Split(',');
        if (fields.Length < 3 || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out int width) || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out int height))
        {
            return (0, 0, 0);
        }

        string[] rate = fields[2].Split('/');
        double fps = rate.Length == 2 && double.TryParse(rate[0], CultureInfo.InvariantCulture, out double n) && double.TryParse(rate[1], CultureInfo.InvariantCulture, out double d) && d > 0 ? n / d : 10;
        return (width, height, fps);
    }
}

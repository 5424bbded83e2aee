using System.Diagnostics;
using OpenCvSharp;
using Vigil.Server.Originals;

namespace Vigil.Server.Tests.Originals;

/// <summary>What the originals' tests share: a camera file as network cameras send (H.264, a key frame a second), waiting for the first sealed segment, and checking a picture for the watermark.</summary>
internal static class TestOriginals
{
    public const string Secret = "the-originals-test-secret";

    /// <summary>An H.264 file of a lavfi source (<c>testsrc=…</c>, or <c>color=c=0x808080:…</c> for a plain grey on which only a watermark stands out).</summary>
    public static async Task<string> CameraFileAsync(string folder, string source)
    {
        string path = Path.Combine(folder, $"camera-{Guid.NewGuid():N}.mp4");
        (int code, _, string errors) = await RunAsync("ffmpeg", "-hide_banner", "-v", "error", "-f", "lavfi", "-i", source, "-c:v", "libx264", "-g", "10", "-pix_fmt", "yuv420p", path);
        Assert.True(code == 0, errors);
        return path;
    }

    public static async Task<OriginalSegmentFile> FirstSegmentAsync(OriginalStore store, string camera, TimeProvider clock)
    {
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (store.List(camera, clock.GetUtcNow().AddMinutes(-5), clock.GetUtcNow()) is [var first, ..])
            {
                return first;
            }

            await Task.Delay(500);
        }

        Assert.Fail("no original segment in 60 s");
        return null!;
    }

    /// <summary>The picture (JPEG or PNG) is the grey original with the watermark's white letters and black outline on it.</summary>
    public static void AssertWatermarked(byte[] picture)
    {
        using Mat frame = Cv2.ImDecode(picture, ImreadModes.Grayscale);
        using Mat white = new();
        using Mat black = new();
        Cv2.Threshold(frame, white, 230, 255, ThresholdTypes.Binary);
        Cv2.Threshold(frame, black, 30, 255, ThresholdTypes.BinaryInv);
        Assert.True(Cv2.CountNonZero(white) > 150 && Cv2.CountNonZero(black) > 150, $"{Cv2.CountNonZero(white)} white and {Cv2.CountNonZero(black)} black pixels: no watermark on the grey original");
    }

    public static async Task<bool> IsVideoAsync(string path)
    {
        (int code, string output, _) = await RunAsync("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path);
        return code == 0 && output.Trim().Length > 0;
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output, await errors);
    }
}

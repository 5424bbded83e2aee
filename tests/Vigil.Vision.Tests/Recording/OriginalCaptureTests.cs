using System.Diagnostics;
using Vigil.Vision.Decoding;
using Vigil.Vision.Recording;

namespace Vigil.Vision.Tests.Recording;

/// <summary>
/// The original stream is copied, not re-encoded, and cut at key frames: each chunk is a transport
/// stream that plays on its own, in the camera's own codec, and the chunks follow each other in time.
/// The source is H.264 with a key frame a second, as network cameras send.
/// </summary>
public sealed class OriginalCaptureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-original-capture-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ACamerasStream_IsCopiedInChunksThatEachPlay_InItsOwnCodec()
    {
        string camera = Path.Combine(_folder, "camera.mp4");
        await RunAsync("ffmpeg", "-hide_banner", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=12:size=320x240:rate=10", "-c:v", "libx264", "-g", "10", "-pix_fmt", "yuv420p", camera);
        var chunks = new List<OriginalChunk>();
        using var stop = new CancellationTokenSource();
        var capture = new OriginalCapture(camera, liveFromFile: true, SourceOptions.Default, TimeSpan.FromSeconds(2), TimeProvider.System, async (chunk, _) =>
        {
            chunks.Add(chunk);
            if (chunks.Count == 3)
            {
                await stop.CancelAsync();
            }
        });
        stop.CancelAfter(TimeSpan.FromSeconds(60));

        await capture.RunAsync(stop.Token);

        Assert.True(chunks.Count >= 3, $"{chunks.Count} chunks in 60 s; {capture.LastError}");
        for (int i = 0; i < 3; i++)
        {
            string path = Path.Combine(_folder, $"{i}.ts");
            await File.WriteAllBytesAsync(path, chunks[i].Stream);
            (string codec, int frames) = await ProbeAsync(path);
            Assert.Equal("h264", codec);
            Assert.InRange(frames, 15, 40);
            Assert.InRange((chunks[i].End - chunks[i].Start).TotalSeconds, 1.5, 4);
        }

        Assert.Equal(chunks[0].End, chunks[1].Start);
        Assert.Equal(0, chunks[0].Stream.Length % 188);
    }

    private static async Task RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        string errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
    }

    /// <summary>The codec of the chunk's video and how many frames decode from it alone.</summary>
    private static async Task<(string Codec, int Frames)> ProbeAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", path })
        {
            start.ArgumentList.Add(a);
        }

        using Process probe = Process.Start(start)!;
        string output = await probe.StandardOutput.ReadToEndAsync();
        string errors = await probe.StandardError.ReadToEndAsync();
        await probe.WaitForExitAsync();
        string[] fields = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault("").Split(',');
        Assert.True(fields.Length == 2, $"ffprobe: {output} {errors}");
        return (fields[0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}

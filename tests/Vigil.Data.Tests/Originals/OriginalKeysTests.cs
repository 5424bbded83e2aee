using System.Diagnostics;
using System.Security.Cryptography;
using Vigil.Data.Originals;

namespace Vigil.Data.Tests.Originals;

/// <summary>
/// Sealed originals: a segment on disk is not a video without the key (ffprobe finds nothing in it);
/// with the key it is the camera's stream byte for byte; one changed byte, another camera's name or
/// another installation's key and it does not open; the key file opens only with its secret.
/// </summary>
public sealed class OriginalKeysTests : IDisposable
{
    private const string Secret = "a-long-originals-secret";
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-originals-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ASealedSegment_IsNoVideoWithoutTheKey_AndTheCamerasStreamWithIt()
    {
        byte[] stream = await TestStreamAsync();
        using OriginalKeys keys = OriginalKeys.LoadOrCreate(Path.Combine(_folder, "keys"), Secret);

        byte[] sealedSegment = keys.Seal("campus-path", s_start, s_start.AddSeconds(2), stream);
        string plainPath = Path.Combine(_folder, "plain.ts"), sealedPath = Path.Combine(_folder, "sealed.vseg");
        await File.WriteAllBytesAsync(plainPath, stream);
        await File.WriteAllBytesAsync(sealedPath, sealedSegment);

        Assert.True(await ProbeAsync(plainPath), "the test stream itself is a video");
        Assert.False(await ProbeAsync(sealedPath), "ffprobe found a video in a sealed segment");
        Assert.Equal(-1, sealedSegment.AsSpan().IndexOf(stream.AsSpan(0, 188)));
        byte[] opened = keys.Open(sealedSegment, "campus-path", out DateTimeOffset start, out DateTimeOffset end);
        Assert.Equal(stream, opened);
        Assert.Equal((s_start, s_start.AddSeconds(2)), (start, end));
    }

    [Fact]
    public void ATamperedMovedOrForeignSegment_DoesNotOpen()
    {
        byte[] stream = RandomNumberGenerator.GetBytes(10_000);
        using OriginalKeys keys = OriginalKeys.LoadOrCreate(Path.Combine(_folder, "keys"), Secret);
        byte[] sealedSegment = keys.Seal("campus-path", s_start, s_start.AddSeconds(10), stream);

        byte[] flipped = [.. sealedSegment];
        flipped[^100] ^= 1;
        Assert.Throws<OriginalIntegrityException>(() => keys.Open(flipped, "campus-path", out _, out _));
        byte[] retimed = [.. sealedSegment];
        retimed[8 + 1 + "campus-path".Length] ^= 1;
        Assert.Throws<OriginalIntegrityException>(() => keys.Open(retimed, "campus-path", out _, out _));
        Assert.Throws<OriginalIntegrityException>(() => keys.Open(sealedSegment, "lobby", out _, out _));
        Assert.Throws<OriginalIntegrityException>(() => keys.Open(sealedSegment.AsSpan(0, sealedSegment.Length - 1), "campus-path", out _, out _));
        using OriginalKeys other = OriginalKeys.LoadOrCreate(Path.Combine(_folder, "other-keys"), Secret);
        Assert.Throws<OriginalIntegrityException>(() => other.Open(sealedSegment, "campus-path", out _, out _));
    }

    [Fact]
    public void TheKeyFile_OpensOnlyWithItsSecret_AndOnlyItsOwnerReadsIt()
    {
        string folder = Path.Combine(_folder, "keys");
        Guid id;
        byte[] sealedSegment;
        using (OriginalKeys keys = OriginalKeys.LoadOrCreate(folder, Secret))
        {
            id = keys.KeyId;
            sealedSegment = keys.Seal("lobby", s_start, s_start.AddSeconds(1), [1, 2, 3]);
        }

        using (OriginalKeys again = OriginalKeys.LoadOrCreate(folder, Secret))
        {
            Assert.Equal(id, again.KeyId);
            Assert.Equal([1, 2, 3], again.Open(sealedSegment, "lobby", out _, out _));
        }

        Assert.ThrowsAny<CryptographicException>(() => OriginalKeys.LoadOrCreate(folder, "another-secret-entirely"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, OriginalKeys.FileName)));
        }
    }

    /// <summary>Two seconds of a test pattern as MPEG-TS, as the camera's stream copy arrives.</summary>
    private static async Task<byte[]> TestStreamAsync()
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-hide_banner", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=2:size=320x240:rate=10", "-c:v", "mpeg4", "-f", "mpegts", "pipe:1" })
        {
            start.ArgumentList.Add(a);
        }

        using Process ffmpeg = Process.Start(start)!;
        using var output = new MemoryStream();
        Task errors = ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.StandardOutput.BaseStream.CopyToAsync(output);
        await ffmpeg.WaitForExitAsync();
        await errors;
        Assert.Equal(0, ffmpeg.ExitCode);
        return output.ToArray();
    }

    private static async Task<bool> ProbeAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-v", "error", "-select_streams", "v", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path })
        {
            start.ArgumentList.Add(a);
        }

        using Process probe = Process.Start(start)!;
        string output = await probe.StandardOutput.ReadToEndAsync();
        await probe.StandardError.ReadToEndAsync();
        await probe.WaitForExitAsync();
        return probe.ExitCode == 0 && output.Trim().Length > 0;
    }
}

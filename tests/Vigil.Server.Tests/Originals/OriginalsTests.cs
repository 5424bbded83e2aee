using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Assets.Cache;
using Vigil.Assets.Manifest;
using Vigil.Data;
using Vigil.Server.Originals;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Originals;

/// <summary>
/// The real server keeping a camera's originals (an H.264 file played as a camera): sealed segments
/// appear under DATA/originals, owner-only, none of them a video to ffprobe, each opening to the
/// camera's stream with the installation key; retention deletes them on time, audited; a camera whose
/// sample is not installed keeps none and says so, without stopping the others; and a camera
/// that keeps originals without the secret stops the start with one line saying what to set.
/// </summary>
public sealed class OriginalsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-originals-server-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ACameraKeepingOriginals_WritesSealedSegments_ThatRetentionDeletesOnTime()
    {
        string camera = await TestOriginals.CameraFileAsync(_folder, "testsrc=duration=20:size=320x240:rate=10");
        using var config = new TestConfigFile(Config(camera) + """

              - id: trees
                name: Trees
                url: asset:sample-tree
                purpose: Test of the originals
                legal_basis: Test
                retention: 24h
                originals: { keep: 1h }
            """);
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        // An asset cache with everything installed but the trees camera's sample.
        AssetLocator installed = AssetLocator.Default();
        var withoutSample = new AssetCache(Path.Combine(_folder, "assets-without-sample"));
        foreach (AssetEntry asset in installed.Manifest.Assets.Where(a => a.Id != "sample-tree" && File.Exists(installed.Cache.PathOf(a))))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(withoutSample.PathOf(asset))!);
            File.CreateSymbolicLink(withoutSample.PathOf(asset), installed.Cache.PathOf(asset));
        }

        await using var factory = new VigilFactory(
            database,
            pipelines: true,
            configPath: config.Path,
            settings: new Dictionary<string, string> { ["Vigil:OriginalsSecret"] = TestOriginals.Secret },
            overrides: s => s.AddSingleton(new AssetLocator(installed.Manifest, withoutSample)));
        _ = factory.Server;
        OriginalStore store = factory.Services.GetRequiredService<OriginalStore>();
        DateTimeOffset since = TimeProvider.System.GetUtcNow().AddMinutes(-1);

        var clock = Stopwatch.StartNew();
        IReadOnlyList<OriginalSegmentFile> segments = [];
        while (segments.Count < 2 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500);
            segments = store.List("gate", since, since.AddHours(1));
        }

        Assert.True(segments.Count >= 2, $"{segments.Count} original segments in 60 s");
        Assert.Contains(factory.Logs.Lines, l => l.Contains("trees", StringComparison.Ordinal) && l.Contains("originals not kept", StringComparison.Ordinal));
        Assert.Empty(store.List("trees", since, since.AddHours(1)));
        string folder = Path.GetDirectoryName(segments[0].Path)!;
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(segments[0].Path));
        }

        Assert.False(await TestOriginals.IsVideoAsync(segments[0].Path), "ffprobe found a video in a sealed original");
        int opened = 0;
        await foreach (Vigil.Vision.Recording.OriginalPiece piece in store.OpenRangeAsync("gate", segments[0].Start, segments[1].End, CancellationToken.None))
        {
            string plain = Path.Combine(_folder, $"{opened++}.ts");
            await File.WriteAllBytesAsync(plain, piece.Stream);
            Assert.True(await TestOriginals.IsVideoAsync(plain), "an opened original is the camera's video");
        }

        Assert.Equal(2, opened);

        // Kept 1 h: nothing goes now; as if 2 h later, every segment written so far goes, audited.
        OriginalsHost host = factory.Services.GetRequiredService<OriginalsHost>();
        Assert.Equal(0, await host.SweepAsync(CancellationToken.None));
        string old = Path.Combine(folder, $"{since.AddHours(-3).UtcTicks}-{since.AddHours(-2).UtcTicks}.vseg");
        File.Copy(segments[0].Path, old);
        Assert.Equal(1, await host.SweepAsync(CancellationToken.None));
        Assert.False(File.Exists(old));
        await using VigilDbContext db = factory.OpenDatabase();
        Assert.Contains(await db.AuditEntries.Where(e => e.Action == "media-deleted").Select(e => e.Target).ToListAsync(), t => t == "camera/gate/originals");
    }

    [Fact]
    public async Task ACameraKeepingOriginals_WithoutTheSecret_DoesNotStart()
    {
        using var config = new TestConfigFile(Config("/nonexistent.mp4"));
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database, configPath: config.Path);

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => factory.Server);

        Assert.Contains("camera(s) gate keep originals: set Vigil:OriginalsSecret", error.Message, StringComparison.Ordinal);
    }

    private static string Config(string url) => $$"""
        cameras:
          - id: gate
            name: Gate
            url: {{url}}
            purpose: Test of the originals
            legal_basis: Test
            retention: 24h
            originals: { keep: 1h }
            detect: { fps: 1 }
        """;
}

using System.Text;
using Vigil.Assets.Cache;
using Vigil.Assets.Fetching;
using Vigil.Assets.Installing;
using Vigil.Assets.Manifest;
using Vigil.Assets.Tests.Manifest;

namespace Vigil.Assets.Tests.Installing;

public sealed class AssetInstallerTests : IDisposable
{
    private static readonly byte[] s_detector = Encoding.UTF8.GetBytes("detector weights");
    private static readonly byte[] s_graph = Encoding.UTF8.GetBytes("{\"graph\":1}");

    // A package like human-models: the two files we list, and models we must never extract.
    private static readonly Dictionary<string, byte[]> s_package = new(StringComparer.Ordinal)
    {
        ["package/models/nanodet.bin"] = s_detector,
        ["package/models/nanodet.json"] = s_graph,
        ["package/models/faceres.bin"] = Encoding.UTF8.GetBytes("face embedding"),
        ["package/models/age.json"] = Encoding.UTF8.GetBytes("age"),
        ["package/models/gender.bin"] = Encoding.UTF8.GetBytes("gender"),
    };

    private readonly TempDirectory _temp = new();
    private readonly AssetCache _cache;
    private readonly AssetManifest _manifest;

    public AssetInstallerTests()
    {
        _cache = new AssetCache(_temp.Path);
        _manifest = AssetManifest.Parse(
            AssetManifestTests.Manifest(
                AssetManifestTests.Entry("weights", "models/nanodet.bin", "package/models/nanodet.bin", FakePackageFetcher.Sha(s_detector)),
                AssetManifestTests.Entry("graph", "models/nanodet.json", "package/models/nanodet.json", FakePackageFetcher.Sha(s_graph))),
            "test.json");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task InstallAsync_PackageHoldsUnlistedModels_ExtractsOnlyListedFiles()
    {
        var fetcher = new FakePackageFetcher(s_package);

        AssetInstallReport report = await Installer(fetcher).InstallAsync(null, CancellationToken.None);

        Assert.True(report.Succeeded);
        string[] files = Directory.EnumerateFiles(_cache.AssetsDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_cache.AssetsDirectory, f))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal([".manifest.sha256", "models/nanodet.bin", "models/nanodet.json"], files);
        Assert.Equal(s_detector, await File.ReadAllBytesAsync(Path.Combine(_cache.AssetsDirectory, "models/nanodet.bin")));
    }

    [Fact]
    public async Task InstallAsync_PackageContentDiffersFromChecksum_ReportsBothHashesAndAdmitsNothing()
    {
        var tampered = new Dictionary<string, byte[]>(s_package, StringComparer.Ordinal) { ["package/models/nanodet.bin"] = Encoding.UTF8.GetBytes("tampered") };
        var fetcher = new FakePackageFetcher(tampered);

        AssetInstallReport report = await Installer(fetcher).InstallAsync(null, CancellationToken.None);

        Assert.False(report.Succeeded);
        AssetInstallFailure failure = Assert.Single(report.Failures);
        Assert.Equal("weights", failure.Asset.Id);
        Assert.Contains(FakePackageFetcher.Sha(s_detector), failure.Reason, StringComparison.Ordinal);
        Assert.Contains(FakePackageFetcher.Sha(Encoding.UTF8.GetBytes("tampered")), failure.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_cache.AssetsDirectory, "models/nanodet.bin")));
        Assert.False(File.Exists(Path.Combine(_cache.AssetsDirectory, "models/nanodet.bin.partial")));
        Assert.False(File.Exists(_cache.InstalledMarkerPath));
        Assert.Equal(2, fetcher.Fetches); // a cached archive that fails its checksum is fetched once more
    }

    [Fact]
    public async Task InstallAsync_Offline_ReportsEveryMissingAssetWithTheClientsError()
    {
        var fetcher = new FakePackageFetcher(s_package, offline: true);

        AssetInstallReport report = await Installer(fetcher).InstallAsync(null, CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.Equal(["weights", "graph"], report.Failures.Select(f => f.Asset.Id));
        Assert.All(report.Failures, f => Assert.Contains("ENOTFOUND", f.Reason, StringComparison.Ordinal));
        Assert.All(report.Statuses, s => Assert.Equal(AssetState.Missing, s.State));
    }

    [Fact]
    public async Task InstallAsync_CorruptedCachedFile_IsDetectedAndRestored()
    {
        var fetcher = new FakePackageFetcher(s_package);
        await Installer(fetcher).InstallAsync(null, CancellationToken.None);
        string path = Path.Combine(_cache.AssetsDirectory, "models/nanodet.bin");
        await File.WriteAllTextAsync(path, "corrupted");

        AssetStatus corrupted = await AssetInspector.InspectAsync(_cache, _manifest["weights"], CancellationToken.None);
        AssetInstallReport report = await Installer(fetcher).InstallAsync(null, CancellationToken.None);

        Assert.Equal(AssetState.ChecksumMismatch, corrupted.State);
        Assert.True(report.Succeeded);
        Assert.Equal(s_detector, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task InstallAsync_EverythingVerified_FetchesNothing()
    {
        var fetcher = new FakePackageFetcher(s_package);
        await Installer(fetcher).InstallAsync(null, CancellationToken.None);
        var progress = new List<AssetInstallProgress>();

        AssetInstallReport report = await Installer(fetcher).InstallAsync(new ListProgress(progress), CancellationToken.None);

        Assert.True(report.Succeeded);
        Assert.Equal(1, fetcher.Fetches);
        Assert.All(progress, p => Assert.Equal(AssetInstallStage.Verified, p.Stage));
    }

    [Fact]
    public async Task GetVerifiedPathAsync_CorruptedFile_RefusesWithBothHashes()
    {
        var fetcher = new FakePackageFetcher(s_package);
        await Installer(fetcher).InstallAsync(null, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_cache.AssetsDirectory, "models/nanodet.json"), "{}");
        var locator = new AssetLocator(_manifest, _cache);

        AssetNotAvailableException ex = await Assert.ThrowsAsync<AssetNotAvailableException>(() => locator.GetVerifiedPathAsync("graph", CancellationToken.None));

        Assert.Contains(FakePackageFetcher.Sha(s_graph), ex.Message, StringComparison.Ordinal);
        Assert.Contains("assets install", ex.Message, StringComparison.Ordinal);
    }

    private AssetInstaller Installer(IPackageFetcher fetcher) =>
        new(_manifest, _cache, new Dictionary<AssetSourceKind, IPackageFetcher> { [AssetSourceKind.Npm] = fetcher });

    private sealed class ListProgress(List<AssetInstallProgress> list) : IProgress<AssetInstallProgress>
    {
        public void Report(AssetInstallProgress value) => list.Add(value);
    }
}

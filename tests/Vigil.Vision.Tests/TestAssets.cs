using Vigil.Assets.Cache;

namespace Vigil.Vision.Tests;

/// <summary>Verified asset paths from the cache that ./vigil test installs (the product's own installer).</summary>
internal static class TestAssets
{
    private static readonly AssetLocator s_locator = AssetLocator.Default();

    public static string Path(string assetId) => s_locator.GetVerifiedPathAsync(assetId, CancellationToken.None).GetAwaiter().GetResult();

    public static string NanoDetModel => Path("nanodet-onnx");

    public static string VTest => Path("sample-vtest");

    public static string Tree => Path("sample-tree");

    public static string Megamind => Path("sample-megamind");
}

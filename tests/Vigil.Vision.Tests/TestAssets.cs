using Vigil.Assets.Cache;

namespace Vigil.Vision.Tests;

/// <summary>Verified asset paths from the cache that ./vigil test installs (the product's own installer).</summary>
internal static class TestAssets
{
    private static readonly AssetLocator s_locator = AssetLocator.Default();

    public static string Path(string assetId) => s_locator.GetVerifiedPathAsync(assetId, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The detector the product runs by default (INT8, issue 24).</summary>
    public static string NanoDetModel => Path("nanodet-int8");

    /// <summary>The 32-bit float conversion: the one the TF.js reference check compares, and <c>detect.precision: fp32</c>.</summary>
    public static string NanoDetFp32Model => Path("nanodet-onnx");

    public static string VTest => Path("sample-vtest");

    public static string Tree => Path("sample-tree");

    public static string Megamind => Path("sample-megamind");
}

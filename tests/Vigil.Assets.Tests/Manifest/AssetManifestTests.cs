using Vigil.Assets.Manifest;
using Vigil.Assets.Policy;
using Vigil.Assets.Tests.Policy;

namespace Vigil.Assets.Tests.Manifest;

public sealed class AssetManifestTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void LoadEmbedded_ProductManifest_ListsDetectorFaceBlurModelAndSampleMedia()
    {
        AssetManifest manifest = AssetManifest.LoadEmbedded();

        Assert.Equal("models/nanodet/nanodet.json", manifest["nanodet-graph"].File);
        Assert.Equal("models/nanodet/nanodet.bin", manifest["nanodet-weights"].File);
        Assert.Equal(AssetSourceKind.Npm, manifest["blazeface-back"].Source!.Kind);
        Assert.Equal("3.0.4", manifest["nanodet-weights"].Source!.Version);
        Assert.Equal(AssetSourceKind.Deb, manifest["sample-vtest"].Source!.Kind);
        Assert.All(manifest.Assets, a => Assert.False(string.IsNullOrWhiteSpace(a.Licence)));
        Assert.Equal(["nanodet-graph", "nanodet-weights"], manifest["nanodet-onnx"].Derivation!.Inputs);
    }

    [Fact]
    public void LoadEmbedded_ProductManifest_NamesNoForbiddenModel()
    {
        AssetManifest manifest = AssetManifest.LoadEmbedded();
        var forbidden = ForbiddenModelsTests.ForbiddenPackageFileNames.ToHashSet(StringComparer.Ordinal);

        Assert.All(manifest.Assets.Where(a => a.Source is not null), a =>
        {
            Assert.DoesNotContain(a.Source!.Path, forbidden);
            Assert.False(ForbiddenModels.IsForbidden(a.Source.Path), a.Source.Path);
            Assert.False(ForbiddenModels.IsForbidden(a.File), a.File);
        });
    }

    [Fact]
    public void Parse_ManifestListingFaceEmbeddingModel_IsRejected()
    {
        string json = Manifest(Entry("faces", "models/faceres.bin", "package/models/faceres.bin"));

        AssetManifestException ex = Assert.Throws<AssetManifestException>(() => AssetManifest.Parse(json, "m.json"));

        Assert.Contains("faceres.bin", ex.Message, StringComparison.Ordinal);
        Assert.Contains("never performs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ListsEveryOne()
    {
        string json = Manifest(
            Entry("a", "x/a.bin", "package/a.bin"),
            Entry("a", "x/b.bin", "package/b.bin"),
            Entry("c", "../escape.bin", "package/c.bin"),
            Entry("d", "x/d.bin", "package/d.bin", sha: "NOT-A-HASH"));

        AssetManifestException ex = Assert.Throws<AssetManifestException>(() => AssetManifest.Parse(json, "m.json"));

        Assert.Contains("id 'a' is listed 2 times", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'../escape.bin' must be a relative path", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sha256 'NOT-A-HASH'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenJson_NamesLineAndColumn()
    {
        AssetManifestException ex = Assert.Throws<AssetManifestException>(() => AssetManifest.Parse("{\n  \"assets\": [,]\n}", "m.json"));

        Assert.StartsWith("m.json:2:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NpmSourceWithoutVersion_IsRejected()
    {
        string json = Manifest(Entry("a", "x/a.bin", "package/a.bin", version: null));

        AssetManifestException ex = Assert.Throws<AssetManifestException>(() => AssetManifest.Parse(json, "m.json"));

        Assert.Contains("exact \"version\"", ex.Message, StringComparison.Ordinal);
    }

    internal static string Manifest(params string[] entries) => $$"""{ "assets": [ {{string.Join(",", entries)}} ] }""";

    internal static string Entry(string id, string file, string path, string sha = Sha, string? version = "1.0.0", string package = "pkg") =>
        $$"""
        { "id": "{{id}}", "file": "{{file}}", "sha256": "{{sha}}", "licence": "MIT", "usedBy": "tests",
          "source": { "kind": "npm", "package": "{{package}}", {{(version is null ? string.Empty : $"\"version\": \"{version}\",")}} "path": "{{path}}" } }
        """;
}

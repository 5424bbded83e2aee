namespace Vigil.Cli.Tests.Commands;

public sealed class AssetsCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Status_CorruptedAsset_ShowsItUnverifiedAndExitsOne()
    {
        _cli.CopyInstalledAssets();
        await File.WriteAllTextAsync(_cli.Cache.PathOf(_cli.Manifest["sample-tree"]), "not a video");

        int exit = await _cli.RunAsync("assets", "status");

        Assert.Equal(1, exit);
        string[][] rows = Rows(_cli.Output);
        string[] tree = Assert.Single(rows, r => r[0] == "sample-tree");
        Assert.Equal(["sample-tree", "yes", "NO: checksum mismatch"], tree[..3]);
        Assert.Equal(_cli.Manifest.Assets.Count - 1, rows.Count(r => r[1] == "yes" && r[2] == "yes"));
        Assert.Contains("sample-tree", _cli.Error, StringComparison.Ordinal);
    }

    /// <summary>The table's rows as trimmed cells (asset, present, verified, size, source).</summary>
    private static string[][] Rows(string output) => output
        .Split('\n')
        .Where(l => l.StartsWith('│'))
        .Select(l => l.Trim('│').Split('│').Select(c => c.Trim()).ToArray())
        .Where(cells => cells[0].Length > 0 && cells[0] != "asset")
        .ToArray();

    [Fact]
    public async Task Status_EmptyCache_ListsEveryAssetMissing()
    {
        int exit = await _cli.RunAsync("assets", "status");

        Assert.Equal(1, exit);
        Assert.All(_cli.Manifest.Assets, a => Assert.Contains(a.Id, _cli.Output, StringComparison.Ordinal));
        Assert.Contains($"{_cli.Manifest.Assets.Count} of {_cli.Manifest.Assets.Count} assets are missing", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AllInstalled_ExitsZeroWithSizes()
    {
        _cli.CopyInstalledAssets();

        int exit = await _cli.RunAsync("assets", "status");

        Assert.Equal(0, exit);
        Assert.Contains("7.8 MiB", _cli.Output, StringComparison.Ordinal); // vtest.avi, 8,131,690 bytes
        Assert.Empty(_cli.Error);
    }
}

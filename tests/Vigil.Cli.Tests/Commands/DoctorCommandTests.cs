namespace Vigil.Cli.Tests.Commands;

public sealed class DoctorCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Doctor_EverythingInstalled_ExitsZeroWithOneOkLinePerCheck()
    {
        _cli.CopyInstalledAssets();

        int exit = await _cli.RunAsync("doctor");

        Assert.True(exit == 0, _cli.Output + _cli.Error);
        string[] lines = _cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3 + _cli.Manifest.Assets.Count, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("ok", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("onnxruntime", StringComparison.Ordinal) && l.Contains("CPUExecutionProvider", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_OneAssetCorrupted_FailsNamingThatAssetAndTheFix()
    {
        _cli.CopyInstalledAssets();
        await File.AppendAllTextAsync(_cli.Cache.PathOf(_cli.Manifest["nanodet-weights"]), "x");

        int exit = await _cli.RunAsync("doctor");

        Assert.Equal(1, exit);
        string failing = Assert.Single(_cli.Output.Split('\n'), l => l.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Contains("nanodet-weights", failing, StringComparison.Ordinal);
        Assert.Contains("checksum mismatch", failing, StringComparison.Ordinal);
        Assert.Contains("./vigil assets install", failing, StringComparison.Ordinal);
        Assert.Equal("vigil: error: 1 check(s) failed: asset nanodet-weights", _cli.Error.Trim());
    }
}

namespace Vigil.Cli.Tests.Commands;

public sealed class RedactCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public RedactCommandTests() => _cli.CopyInstalledAssets();

    public void Dispose() => _cli.Dispose();

    private string Tree => _cli.Cache.PathOf(_cli.Manifest["sample-tree"]);

    [Fact]
    public async Task Redact_ShortVideo_WritesAnMp4WithEveryFrameAndNoPartialFile()
    {
        string output = Path.Combine(_cli.Root, "tree-redacted.mp4");

        int exit = await _cli.RunAsync("redact", Tree, output, "--mask", "0,0 0.3,0 0.3,0.2 0,0.2");

        Assert.True(exit == 0, _cli.Error);
        Assert.True(new FileInfo(output).Length > 10_000);
        Assert.False(File.Exists(output + ".partial.mp4"));
        Assert.Contains("redacted 449 frames", _cli.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--mode", "blur", "'blur' not recognized")]
    [InlineData("--mask", "0,0 1,1", "needs at least three")]
    [InlineData("--mask", "0,0 1,1 1,0 0,1", "crosses itself")]
    [InlineData("--mask", "0,0 2,0 0,1", "outside 0..1")]
    [InlineData("--mask", "a,b c,d e,f", "is not 'x,y'")]
    public async Task Redact_BadOption_OneLineAndExitTwo(string option, string value, string expected)
    {
        int exit = await _cli.RunAsync("redact", Tree, Path.Combine(_cli.Root, "o.mp4"), option, value);

        Assert.Equal(2, exit);
        string line = Assert.Single(_cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_UnreadableInput_OneLineExitOneAndNothingWritten()
    {
        string output = Path.Combine(_cli.Root, "o.mp4");

        int exit = await _cli.RunAsync("redact", Path.Combine(_cli.Root, "missing.avi"), output);

        Assert.Equal(1, exit);
        Assert.Contains("no such file", Assert.Single(_cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_cli.Root, "o.mp4*"));
    }

    [Fact]
    public async Task Redact_UnwritableOutput_OneLineAndExitOne()
    {
        int exit = await _cli.RunAsync("redact", Tree, "/proc/vigil/out.mp4");

        Assert.Equal(1, exit);
        Assert.Contains("cannot write /proc/vigil/out.mp4", Assert.Single(_cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}

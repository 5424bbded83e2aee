namespace Vigil.Cli.Tests;

public sealed class VigilCliTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("assets", "--no-such-option")]
    public async Task RunAsync_WrongCommandLine_PrintsOneErrorLineAndExitsTwo(params string[] args)
    {
        int exit = await _cli.RunAsync(args);

        Assert.Equal(2, exit);
        string line = Assert.Single(_cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("vigil: error: ", line, StringComparison.Ordinal);
        Assert.Contains("vigil --help", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("assets")]
    [InlineData("assets", "install")]
    [InlineData("assets", "status")]
    [InlineData("doctor")]
    [InlineData("demo")]
    [InlineData("serve")]
    [InlineData("analyze")]
    [InlineData("redact")]
    [InlineData("config", "check")]
    public async Task RunAsync_HelpOnEveryCommand_DescribesItAndExitsZero(params string[] command)
    {
        int exit = await _cli.RunAsync([.. command, "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("Description:", _cli.Output, StringComparison.Ordinal);
    }
}

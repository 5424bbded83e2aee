namespace Vigil.Cli.Tests.Commands;

/// <summary>What <c>vigil serve</c> says about bad options before it starts anything.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Serve_WithAnUnusableDb_IsOneLine_AndExitCode2()
    {
        int exit = await _cli.RunAsync(["serve", "--db", "mysql://root@localhost/vigil", "--data", _cli.Root]);

        Assert.Equal(2, exit);
        string line = Assert.Single(_cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("vigil: error: --db 'mysql://root@localhost/vigil' is neither", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithABrokenConfig_ListsTheProblemWithLineAndColumn_AndStartsNothing()
    {
        string config = Path.Combine(_cli.Root, "vigil.yaml");
        await File.WriteAllTextAsync(config, "cameras:\n  - id: x\n    name: X\n    url: rtsp://cam/1\n    retention: forever\n");

        int exit = await _cli.RunAsync(["serve", "--config", config, "--data", Path.Combine(_cli.Root, "data")]);

        Assert.Equal(1, exit);
        Assert.Contains($"{config}:5:", _cli.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Root, "data")), "nothing was created");
    }
}

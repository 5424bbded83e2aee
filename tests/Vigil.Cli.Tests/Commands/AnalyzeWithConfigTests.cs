using System.Text.Json;

namespace Vigil.Cli.Tests.Commands;

/// <summary>The demo camera's rules on vtest.avi, end to end through the command.</summary>
public sealed class AnalyzeWithConfigTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public AnalyzeWithConfigTests() => _cli.CopyInstalledAssets();

    public void Dispose() => _cli.Dispose();

    private static string DemoConfig => Path.Combine(RepoPaths.Root, "config", "demo.yaml");

    [Fact]
    public async Task Analyze_DemoCampusCamera_LawnAlertFiresWhenPeopleFirstStepOnTheLawnAndCrossingsCountBothWays()
    {
        string output = Path.Combine(_cli.Root, "campus.jsonl");

        string snapshots = Path.Combine(_cli.Root, "snapshots");

        int exit = await _cli.RunAsync("analyze", "--config", DemoConfig, "--camera", "campus-path", "--out", output, "--snapshots", snapshots);

        Assert.True(exit == 0, _cli.Error);
        var alerts = new List<(int Frame, JsonElement Alert)>();
        foreach (string line in await File.ReadAllLinesAsync(output))
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("frame", out JsonElement frame))
            {
                foreach (JsonElement alert in doc.RootElement.GetProperty("alerts").EnumerateArray())
                {
                    alerts.Add((frame.GetInt32(), alert.Clone()));
                }
            }
        }

        // Counted by eye: nobody is on the lower lawn until two people walk in from the bottom
        // edge around frame 515 (they are on it at 520, not at 500).
        (int Frame, JsonElement Alert)[] lawn = alerts.Where(a => a.Alert.GetProperty("rule").GetString() == "lawn-entry").ToArray();
        Assert.NotEmpty(lawn);
        Assert.InRange(lawn[0].Frame, 505, 540);
        Assert.Equal("zone_entry", lawn[0].Alert.GetProperty("kind").GetString());
        Assert.Equal("lower-lawn", lawn[0].Alert.GetProperty("zone").GetString());
        Assert.Equal("warning", lawn[0].Alert.GetProperty("severity").GetString());
        Assert.True(lawn[0].Alert.GetProperty("track").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(lawn[0].Alert.GetProperty("id").GetString()));

        // Every alert carries a redacted snapshot (a JPEG of the whole frame, camera's own redaction).
        Assert.All(alerts, a => Assert.True(File.Exists(Path.Combine(snapshots, a.Alert.GetProperty("snapshot").GetString()!))));
        byte[] jpeg = await File.ReadAllBytesAsync(Path.Combine(snapshots, lawn[0].Alert.GetProperty("snapshot").GetString()!));
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);

        string[] crossings = alerts.Where(a => a.Alert.GetProperty("rule").GetString() == "lamp-post-count").Select(a => a.Alert.GetProperty("direction").GetString()!).ToArray();
        Assert.Contains("left_to_right", crossings);
        Assert.Contains("right_to_left", crossings);

        // Jitter on the line is not counted: a track's successive crossings are seconds apart
        // (people in vtest.avi do walk back and forth past the lamp post).
        var perTrack = alerts.Where(a => a.Alert.GetProperty("rule").GetString() == "lamp-post-count")
            .GroupBy(a => a.Alert.GetProperty("track").GetInt32());
        Assert.All(perTrack, g => Assert.All(g.Zip(g.Skip(1)), pair => Assert.True(pair.Second.Frame - pair.First.Frame >= 10, $"track {g.Key} crossed at frames {pair.First.Frame} and {pair.Second.Frame}")));
    }

    [Fact]
    public async Task Analyze_UnknownCamera_OneLineNamingTheKnownOnes()
    {
        int exit = await _cli.RunAsync("analyze", "--config", DemoConfig, "--camera", "roof");

        Assert.Equal(1, exit);
        string line = Assert.Single(_cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no camera 'roof'", line, StringComparison.Ordinal);
        Assert.Contains("campus-path", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--camera", "campus-path")]
    [InlineData("--snapshots", "/tmp/vigil-snapshots")]
    public async Task Analyze_CameraOrSnapshotsWithoutConfig_IsAUsageError(string option, string value)
    {
        Assert.Equal(2, await _cli.RunAsync("analyze", option, value));
        Assert.Contains("needs --config", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_UnknownPrecision_IsAUsageErrorNamingTheChoices()
    {
        Assert.Equal(2, await _cli.RunAsync("analyze", "--config", DemoConfig, "--camera", "campus-path", "--precision", "fp16"));
        Assert.Contains("--precision must be int8 or fp32", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_DemoConfig_IsOk()
    {
        int exit = await _cli.RunAsync("config", "check", DemoConfig);

        Assert.Equal(0, exit);
        Assert.Contains("3 camera(s)", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_BrokenFile_ListsEachProblemWithLineAndColumnAndExitsOne()
    {
        string path = Path.Combine(_cli.Root, "vigil.yaml");
        await File.WriteAllTextAsync(path, "cameras:\n  - id: a\n    url: x\n    purpos: typo\n    retention: -1h\n");

        int exit = await _cli.RunAsync("config", "check", path);

        Assert.Equal(1, exit);
        string[] lines = _cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith($"{path}:4:5: unknown key 'purpos'", StringComparison.Ordinal) && l.Contains("did you mean 'purpose'?", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{path}:5:", StringComparison.Ordinal) && l.Contains("negative", StringComparison.Ordinal));
        Assert.StartsWith("vigil: error: ", lines[^1], StringComparison.Ordinal);
    }
}

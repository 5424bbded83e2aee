using System.Text.Json;

namespace Vigil.Cli.Tests.Commands;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public AnalyzeCommandTests() => _cli.CopyInstalledAssets();

    public void Dispose() => _cli.Dispose();

    private string Tree => _cli.Cache.PathOf(_cli.Manifest["sample-tree"]);

    [Fact]
    public async Task Analyze_ShortVideo_WritesOneLinePerFrameThenASummary()
    {
        string output = Path.Combine(_cli.Root, "tree.jsonl");

        int exit = await _cli.RunAsync("analyze", Tree, "--out", output, "--detect-fps", "5");

        Assert.True(exit == 0, _cli.Error);
        string[] lines = await File.ReadAllLinesAsync(output);
        using JsonDocument first = JsonDocument.Parse(lines[0]);
        Assert.Equal(0, first.RootElement.GetProperty("frame").GetInt32());
        Assert.Equal(0.0, first.RootElement.GetProperty("t").GetDouble());
        Assert.Equal(JsonValueKind.Array, first.RootElement.GetProperty("motion").ValueKind);
        Assert.Equal(JsonValueKind.Array, first.RootElement.GetProperty("objects").ValueKind);
        Assert.Equal(JsonValueKind.Array, first.RootElement.GetProperty("alerts").ValueKind);
        using JsonDocument last = JsonDocument.Parse(lines[^1]);
        JsonElement summary = last.RootElement.GetProperty("summary");
        Assert.Equal(lines.Length - 1, summary.GetProperty("frames").GetInt32());
        Assert.True(summary.GetProperty("fps").GetDouble() > 0);
        Assert.False(File.Exists(output + ".partial"));
    }

    [Fact]
    public async Task Analyze_DetectsOnMotionRegions_UnlessTold()
    {
        JsonElement regions = await SummaryAsync("regions.jsonl");
        JsonElement whole = await SummaryAsync("whole.jsonl", "--whole-frame");

        // By default a good part of the ticks detect on the regions around the foliage's motion (a
        // region tick does not count as the whole-frame refresh, so a quiet scene has a few more
        // detector calls); with --whole-frame none, and one network run per detection.
        Assert.True(regions.GetProperty("region_ticks").GetInt32() * 3 > regions.GetProperty("detector_calls").GetInt32(), regions.ToString());
        Assert.True(regions.GetProperty("detector_calls").GetInt32() >= whole.GetProperty("detector_calls").GetInt32(), $"{regions} against {whole}");
        Assert.Equal(0, whole.GetProperty("region_ticks").GetInt32());
        Assert.Equal(whole.GetProperty("detector_calls").GetInt32(), whole.GetProperty("network_runs").GetInt32());
    }

    private async Task<JsonElement> SummaryAsync(string name, params string[] options)
    {
        string output = Path.Combine(_cli.Root, name);
        int exit = await _cli.RunAsync(["analyze", Tree, "--out", output, "--detect-fps", "5", .. options]);
        Assert.True(exit == 0, _cli.Error);
        using JsonDocument last = JsonDocument.Parse((await File.ReadAllLinesAsync(output))[^1]);
        return last.RootElement.GetProperty("summary").Clone();
    }

    [Fact]
    public async Task Analyze_MissingFile_OneLineAndExitOne()
    {
        int exit = await _cli.RunAsync("analyze", Path.Combine(_cli.Root, "nope.avi"));

        AssertOneErrorLine(exit, "no such file");
    }

    [Fact]
    public async Task Analyze_NotAVideo_OneLineAndExitOne()
    {
        string text = Path.Combine(_cli.Root, "notes.avi");
        await File.WriteAllTextAsync(text, "this is not a video");

        int exit = await _cli.RunAsync("analyze", text);

        AssertOneErrorLine(exit, "is not a readable video");
    }

    [Fact]
    public async Task Analyze_TruncatedVideo_KeepsWhatDecodedAndSaysItIsTruncated()
    {
        string truncated = Path.Combine(_cli.Root, "truncated.avi");
        byte[] bytes = await File.ReadAllBytesAsync(Tree);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 3)]);
        string output = Path.Combine(_cli.Root, "truncated.jsonl");

        int exit = await _cli.RunAsync("analyze", truncated, "--out", output, "--detect-fps", "2");

        AssertOneErrorLine(exit, "truncated");
        Assert.True((await File.ReadAllLinesAsync(output)).Length > 10);
    }

    [Fact]
    public async Task Analyze_UnwritableOutput_OneLineAndExitOne()
    {
        int exit = await _cli.RunAsync("analyze", Tree, "--out", "/proc/vigil/out.jsonl");

        AssertOneErrorLine(exit, "cannot write /proc/vigil/out.jsonl");
    }

    [Theory]
    [InlineData("--detect-fps", "0")]
    [InlineData("--detect-fps", "fast")]
    [InlineData("--threads", "0")]
    public async Task Analyze_BadOption_OneLineAndExitTwo(string option, string value)
    {
        int exit = await _cli.RunAsync("analyze", Tree, option, value);

        Assert.Equal(2, exit);
        Assert.Single(_cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private void AssertOneErrorLine(int exit, string expected)
    {
        Assert.Equal(1, exit);
        string line = Assert.Single(_cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("vigil: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}

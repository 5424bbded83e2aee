using System.Text.Json;
using Vigil.Domain.Observations;
using Vigil.Vision.Analysis;

namespace Vigil.Vision.Tests.Analysis;

/// <summary>The analysis chain on the sample videos, checked against counts made by eye.</summary>
public sealed class SampleVideoAcceptanceTests
{
    private static readonly Lazy<Task<SampleVideoAnalysis>> s_vtest = new(() =>
        SampleVideoAnalysis.RunAsync(TestAssets.VTest, new AnalysisOptions { DetectFps = null }));

    // The path before motion regions (issue 24): the INT8 detector on the whole frame at every detection.
    private static readonly Lazy<Task<SampleVideoAnalysis>> s_vtestWholeFrame = new(() =>
        SampleVideoAnalysis.RunAsync(TestAssets.VTest, new AnalysisOptions { DetectFps = null, MotionRegions = false }));

    // The FP32 detector, for `detect.precision: fp32`: the default (INT8) must not count worse, and the FP32 path must keep counting right.
    private static readonly Lazy<Task<SampleVideoAnalysis>> s_vtestFp32 = new(() =>
        SampleVideoAnalysis.RunAsync(TestAssets.VTest, new AnalysisOptions { DetectFps = null }, model: TestAssets.NanoDetFp32Model));

    [Theory]
    [InlineData("held_out", "int8")]
    [InlineData("tuning", "int8")]
    [InlineData("held_out", "int8 whole frame")]
    [InlineData("tuning", "int8 whole frame")]
    [InlineData("held_out", "fp32")]
    [InlineData("tuning", "fp32")]
    public async Task Vtest_DetectionOnEveryFrame_CountsPeopleOnLabelledFramesWithinOne(string set, string path)
    {
        SampleVideoAnalysis analysis = await (path switch { "fp32" => s_vtestFp32, "int8 whole frame" => s_vtestWholeFrame, _ => s_vtest }).Value;
        using JsonDocument labels = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "vtest-people.json")));
        var counts = new List<(int Frame, int Expected, int Actual)>();
        foreach (JsonProperty label in labels.RootElement.GetProperty(set).EnumerateObject())
        {
            int frame = int.Parse(label.Name, System.Globalization.CultureInfo.InvariantCulture);
            counts.Add((frame, label.Value.GetInt32(), analysis.Frames[frame].Count(o => o.Label == "person")));
        }

        string report = string.Join(", ", counts.Select(e => $"frame {e.Frame}: {e.Actual} for {e.Expected}"));

        Assert.True(counts.Count >= 8, report);
        Assert.True(counts.All(e => Math.Abs(e.Actual - e.Expected) <= 1), report);
    }

    [Fact]
    public async Task Vtest_MotionRegions_DetectMostTicksOnRegions_WithFewerPixelsThanTheWholeFrame()
    {
        SampleVideoAnalysis regions = await s_vtest.Value;
        SampleVideoAnalysis whole = await s_vtestWholeFrame.Value;

        // The same ticks detected; most of them on regions (the rest are refreshes), for fewer network pixels.
        Assert.Equal(whole.DetectorCalls, regions.DetectorCalls);
        Assert.Equal(0, whole.RegionTicks);
        Assert.True(regions.RegionTicks > regions.DetectorCalls * 0.7, $"{regions.RegionTicks} of {regions.DetectorCalls} ticks on regions");
        Assert.True(regions.InputPixels < whole.InputPixels * 0.8, $"{regions.InputPixels} network pixels against {whole.InputPixels} on the whole frame");
    }

    [Fact]
    public async Task Vtest_ParkedVan_IsOneStableTrackForTheWholeVideo()
    {
        SampleVideoAnalysis analysis = await s_vtest.Value;

        // The white van parked at the top centre, around x 650-725, y 45-100.
        bool IsVan(TrackedObject o) => o.Label is "car" or "truck" or "bus" && o.Box.CenterX is > 640 and < 740 && o.Box.CenterY is > 40 and < 110;
        int[] vanIds = analysis.Frames.SelectMany(f => f.Where(IsVan)).Select(o => o.TrackId).Distinct().ToArray();
        int framesWithVan = analysis.Frames.Count(f => f.Any(IsVan));

        Assert.Single(vanIds);
        Assert.True(framesWithVan >= analysis.Frames.Count * 0.95, $"van tracked on {framesWithVan} of {analysis.Frames.Count} frames");
    }

    [Fact]
    public async Task Tree_SceneWithoutPeople_HasNoPersonTrack()
    {
        SampleVideoAnalysis analysis = await SampleVideoAnalysis.RunAsync(TestAssets.Tree, new AnalysisOptions { DetectFps = null });

        Assert.DoesNotContain(analysis.Frames.SelectMany(f => f), o => o.Label == "person");
    }

    [Fact]
    public async Task StillScene_MotionGating_RunsTheDetectorOnAtMostAFifthOfFrames()
    {
        const int Frames = 200;

        SampleVideoAnalysis analysis = await SampleVideoAnalysis.RunAsync(TestAssets.VTest, new AnalysisOptions { DetectFps = null }, loopFirstFrame: Frames);

        Assert.True(analysis.DetectorCalls <= Frames / 5, $"{analysis.DetectorCalls} detector calls on {Frames} still frames");

        // The people standing in the still frame stay tracked although the detector rests.
        Assert.True(analysis.Frames[^1].Count(o => o.Label == "person") >= 3);
    }
}

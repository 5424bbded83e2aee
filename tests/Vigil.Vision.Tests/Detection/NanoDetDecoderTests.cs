using Vigil.Domain.Observations;
using Vigil.Vision.Detection;

namespace Vigil.Vision.Tests.Detection;

public sealed class NanoDetDecoderTests
{
    private const int Classes = 80;
    private const int Values = 44;

    [Fact]
    public void Expectation_UniformLogits_IsTheMiddleBin() =>
        Assert.Equal(5f, NanoDetDecoder.Expectation(new float[11]), 4);

    [Fact]
    public void Expectation_OneDominantBin_IsThatBin()
    {
        float[] logits = new float[11];
        logits[3] = 50;

        Assert.Equal(3f, NanoDetDecoder.Expectation(logits), 3);
    }

    [Fact]
    public void AddLevel_OneConfidentCell_DecodesBoxAroundCellCentreInSourcePixels()
    {
        var head = new NanoDetHead(Stride: 8, Grid: 4, "s", "b");
        float[] scores = new float[head.Cells * Classes];
        float[] boxes = new float[head.Cells * Values];
        int cell = (2 * head.Grid) + 1; // x = 1, y = 2: centre (12, 20) in input pixels
        scores[(cell * Classes) + CocoClasses.IndexOf("person")] = 0.9f;
        SetSides(boxes, cell, left: 1, top: 2, right: 1, bottom: 3); // in strides
        var decoder = new NanoDetDecoder(new DetectorOptions());
        var results = new List<DetectedObject>();

        decoder.Reset();
        decoder.AddLevel(scores, boxes, head.Stride, head.Grid, head.Grid, RegionPlacement.WholeFrame(64, 32, 32, 32));
        decoder.Finish(results, 1000, 1000);

        DetectedObject d = Assert.Single(results);
        Assert.Equal("person", d.Label);
        Assert.Equal(0.9f, d.Score);
        Assert.Equal((12 - 8) * 2, d.Box.X, 2);
        Assert.Equal(20 - 16, d.Box.Y, 2);
        Assert.Equal(16 * 2, d.Box.Width, 2);
        Assert.Equal(40, d.Box.Height, 2);
    }

    [Fact]
    public void Finish_OverlappingSameClass_KeepsOnlyTheBest()
    {
        var head = new NanoDetHead(8, 4, "s", "b");
        float[] scores = new float[head.Cells * Classes];
        float[] boxes = new float[head.Cells * Values];
        foreach ((int cell, float score) in new[] { (5, 0.9f), (6, 0.8f) })
        {
            scores[(cell * Classes) + CocoClasses.IndexOf("person")] = score;
            SetSides(boxes, cell, 2, 2, 2, 2);
        }

        List<DetectedObject> results = Decode(head, scores, boxes, new DetectorOptions { NmsIouThreshold = 0.3f });

        Assert.Equal(0.9f, Assert.Single(results).Score);
    }

    [Fact]
    public void Finish_SameVehicleSeenAsTruckAndBus_KeepsOneVehicle()
    {
        var head = new NanoDetHead(8, 4, "s", "b");
        float[] scores = new float[head.Cells * Classes];
        float[] boxes = new float[head.Cells * Values];
        scores[(5 * Classes) + CocoClasses.IndexOf("truck")] = 0.45f;
        scores[(5 * Classes) + CocoClasses.IndexOf("bus")] = 0.33f;
        SetSides(boxes, 5, 2, 2, 2, 2);

        List<DetectedObject> results = Decode(head, scores, boxes, new DetectorOptions());

        Assert.Equal("truck", Assert.Single(results).Label);
    }

    [Fact]
    public void AddLevel_ClassNotConfigured_IsIgnored()
    {
        var head = new NanoDetHead(8, 4, "s", "b");
        float[] scores = new float[head.Cells * Classes];
        float[] boxes = new float[head.Cells * Values];
        scores[(3 * Classes) + CocoClasses.IndexOf("dog")] = 0.99f;
        scores[(7 * Classes) + CocoClasses.IndexOf("person")] = 0.2f; // below the threshold
        SetSides(boxes, 3, 1, 1, 1, 1);

        Assert.Empty(Decode(head, scores, boxes, new DetectorOptions()));
    }

    [Fact]
    public void AddLevel_InARegion_PlacesTheBoxWhereTheRegionLiesInTheFrame()
    {
        var head = new NanoDetHead(Stride: 8, Grid: 8, "s", "b");
        (float[] scores, float[] boxes) = OnePerson(head, cell: (2 * head.Grid) + 1, left: 1, top: 2, right: 1, bottom: 2);
        var decoder = new NanoDetDecoder(new DetectorOptions());
        var results = new List<DetectedObject>();

        decoder.Reset();
        decoder.AddLevel(scores, boxes, head.Stride, head.Grid, head.Grid, RegionPlacement.Of(new DetectionRegion(100, 50, 64, 64, 64, 64), 1000, 1000));
        decoder.Finish(results, 1000, 1000);

        // Centre (12, 20) of the region's input, 8 px left, 16 up, 8 right, 16 down.
        DetectedObject d = Assert.Single(results);
        Assert.Equal(100 + 4, d.Box.X, 2);
        Assert.Equal(50 + 4, d.Box.Y, 2);
        Assert.Equal(16, d.Box.Width, 2);
        Assert.Equal(32, d.Box.Height, 2);
    }

    [Fact]
    public void AddLevel_BoxCutByARegionEdgeInsideTheFrame_IsDropped_ButNotAtTheFrameEdge()
    {
        var head = new NanoDetHead(Stride: 8, Grid: 8, "s", "b");

        // Reaches past the input's left edge (centre x 4, one stride left), 32 px high.
        (float[] scores, float[] boxes) = OnePerson(head, cell: 3 * head.Grid, left: 1, top: 2, right: 1, bottom: 2);
        var decoder = new NanoDetDecoder(new DetectorOptions());
        var results = new List<DetectedObject>();

        decoder.Reset();
        decoder.AddLevel(scores, boxes, head.Stride, head.Grid, head.Grid, RegionPlacement.Of(new DetectionRegion(100, 0, 64, 64, 64, 64), 1000, 1000));
        decoder.Finish(results, 1000, 1000);
        Assert.Empty(results); // the region starts at x 100: the person may go on to its left

        decoder.Reset();
        decoder.AddLevel(scores, boxes, head.Stride, head.Grid, head.Grid, RegionPlacement.Of(new DetectionRegion(0, 0, 64, 64, 64, 64), 1000, 1000));
        decoder.Finish(results, 1000, 1000);
        Assert.Single(results); // the frame's own edge: nothing is cut off
    }

    [Fact]
    public void AddLevel_InARegion_ABoxUnder24InputPixelsHigh_IsDropped()
    {
        var head = new NanoDetHead(Stride: 8, Grid: 8, "s", "b");
        (float[] scores, float[] boxes) = OnePerson(head, cell: (3 * head.Grid) + 3, left: 1, top: 1, right: 1, bottom: 1); // 16 px high
        var decoder = new NanoDetDecoder(new DetectorOptions());
        var results = new List<DetectedObject>();

        decoder.Reset();
        decoder.AddLevel(scores, boxes, head.Stride, head.Grid, head.Grid, RegionPlacement.Of(new DetectionRegion(0, 0, 64, 64, 64, 64), 1000, 1000));
        decoder.Finish(results, 1000, 1000);
        Assert.Empty(results);

        // The whole frame keeps what it sees at any size.
        decoder.Reset();
        decoder.AddLevel(scores, boxes, head.Stride, head.Grid, head.Grid, RegionPlacement.WholeFrame(64, 64, 64, 64));
        decoder.Finish(results, 1000, 1000);
        Assert.Single(results);
    }

    private static (float[] Scores, float[] Boxes) OnePerson(NanoDetHead head, int cell, int left, int top, int right, int bottom)
    {
        float[] scores = new float[head.Cells * Classes];
        float[] boxes = new float[head.Cells * Values];
        scores[(cell * Classes) + CocoClasses.IndexOf("person")] = 0.9f;
        SetSides(boxes, cell, left, top, right, bottom);
        return (scores, boxes);
    }

    private static List<DetectedObject> Decode(NanoDetHead head, float[] scores, float[] boxes, DetectorOptions options)
    {
        var decoder = new NanoDetDecoder(options);
        var results = new List<DetectedObject>();
        decoder.Reset();
        decoder.AddLevel(scores, boxes, head.Stride, head.Grid, head.Grid, RegionPlacement.WholeFrame(32, 32, 32, 32));
        decoder.Finish(results, 1000, 1000);
        return results;
    }

    /// <summary>Sets each side's 11-bin distribution to a near one-hot at the given distance (in strides).</summary>
    private static void SetSides(float[] boxes, int cell, int left, int top, int right, int bottom)
    {
        int[] sides = [left, top, right, bottom];
        for (int s = 0; s < 4; s++)
        {
            boxes[(cell * Values) + (s * 11) + sides[s]] = 60;
        }
    }
}

using Vigil.Domain.Geometry;
using Vigil.Vision.Analysis;
using Vigil.Vision.Detection;

namespace Vigil.Vision.Tests.Analysis;

public sealed class RegionPlannerTests
{
    private const int Width = 768;
    private const int Height = 576;
    private readonly RegionPlanner _planner = new(416);
    private readonly List<DetectionRegion> _regions = [];

    [Fact]
    public void Plan_OneWalker_IsOneNativeRegionAroundThemInMultiplesOf32()
    {
        var walker = new BoundingBox(300, 200, 30, 80);

        Assert.True(Plan([walker]));

        DetectionRegion r = Assert.Single(_regions);
        Assert.True(r.Native);
        Assert.Equal(0, r.InputWidth % 32);
        Assert.Equal(0, r.InputHeight % 32);
        Assert.True(Contains(r, walker, margin: RegionPlanner.MinPad), $"{r} around {walker}");
        Assert.True(r.InputArea < 416 * 416 / 2, $"{r} costs no more than it needs");
    }

    [Fact]
    public void Plan_MotionEverywhere_IsTheWholeFrame()
    {
        Assert.False(Plan([new BoundingBox(10, 10, 700, 500)]));
        Assert.Empty(_regions);
    }

    [Fact]
    public void Plan_NoMotion_IsNothingToPlan()
    {
        Assert.False(Plan([]));
    }

    [Fact]
    public void Plan_TwoWalkersFarApart_AreTwoRegions_TwoSideBySide_One()
    {
        Assert.True(Plan([new BoundingBox(40, 40, 30, 80), new BoundingBox(650, 450, 30, 80)]));
        Assert.Equal(2, _regions.Count);

        Assert.True(Plan([new BoundingBox(300, 200, 30, 80), new BoundingBox(345, 205, 30, 80)]));
        Assert.Single(_regions);
    }

    [Fact]
    public void Plan_ATrackReachingIntoMotion_IsTakenInWhole()
    {
        // Only the legs move; the tracked person reaches far above the motion box.
        var legs = new BoundingBox(300, 300, 30, 30);
        var person = new BoundingBox(295, 180, 40, 150);

        Assert.True(_planner.Plan([legs], [person], [], Width, Height, _regions));

        Assert.Contains(_regions, r => Contains(r, person, margin: 0));
    }

    [Fact]
    public void Plan_ATrackToRecheck_IsLookedAtAlthoughNothingMovesThere()
    {
        var walker = new BoundingBox(40, 40, 30, 80);
        var lost = new BoundingBox(600, 400, 40, 100);

        Assert.True(_planner.Plan([walker], [lost], [lost], Width, Height, _regions));

        Assert.Contains(_regions, r => Contains(r, lost, margin: 0));
        Assert.Contains(_regions, r => Contains(r, walker, margin: 0));
    }

    [Fact]
    public void Plan_HdFrame_AFarPedestrianStaysNative_MotionWithMorePixelsThanTheInputIsTheWholeFrame()
    {
        // A far pedestrian on a 1080p frame: native, where the whole frame would shrink them 4.6 times.
        Assert.True(_planner.Plan([new BoundingBox(1500, 300, 12, 30)], [], [], 1920, 1080, _regions));
        Assert.True(Assert.Single(_regions).Native);

        // A bus: resized to the input it would cost a whole frame's run, which also sees the rest.
        Assert.False(_planner.Plan([new BoundingBox(100, 500, 500, 260)], [], [], 1920, 1080, _regions));
    }

    [Fact]
    public void Plan_FrameSideNoMultipleOf32_TallMotionIsResizedToFit()
    {
        // 640×360: a region spanning the whole height cannot grow to 384 rows.
        Assert.True(_planner.Plan([new BoundingBox(300, 40, 20, 280)], [], [], 640, 360, _regions));

        DetectionRegion r = Assert.Single(_regions);
        Assert.False(r.Native);
        Assert.Equal(0, r.InputHeight % 32);
        Assert.True(r.InputHeight <= 360 && r.Bottom <= 360 && r.Y >= 0, r.ToString());
    }

    [Fact]
    public void Plan_RegionsAtTheFrameEdge_StayInsideTheFrame()
    {
        Assert.True(Plan([new BoundingBox(750, 560, 18, 16), new BoundingBox(0, 0, 10, 10)]));

        Assert.All(_regions, r => Assert.True(r.X >= 0 && r.Y >= 0 && r.Right <= Width && r.Bottom <= Height, r.ToString()));
    }

    private bool Plan(BoundingBox[] motion) => _planner.Plan(motion, [], [], Width, Height, _regions);

    private static bool Contains(DetectionRegion r, BoundingBox b, float margin) =>
        r.X <= b.X - margin + 0.5f && r.Y <= b.Y - margin + 0.5f && r.Right >= b.Right + margin - 0.5f && r.Bottom >= b.Bottom + margin - 0.5f;
}

using OpenCvSharp;
using Vigil.Domain.Geometry;
using Vigil.Vision.Motion;

namespace Vigil.Vision.Tests.Motion;

public sealed class MotionGateTests
{
    private readonly List<BoundingBox> _regions = [];

    [Fact]
    public void Update_SameFrameAgain_ReportsNoMotion()
    {
        using var gate = new MotionGate(new MotionOptions());
        using Mat frame = Scene(square: null);

        gate.Update(frame, _regions);
        MotionResult second = gate.Update(frame, _regions);

        Assert.False(second.HasMotion);
        Assert.Empty(_regions);
    }

    [Fact]
    public void Update_SquareAppears_ReportsARegionAroundItInSourcePixels()
    {
        using var gate = new MotionGate(new MotionOptions());
        using Mat empty = Scene(square: null);
        using Mat withSquare = Scene(square: new Rect(400, 300, 60, 120));
        for (int i = 0; i < 5; i++)
        {
            gate.Update(empty, _regions);
        }

        MotionResult result = gate.Update(withSquare, _regions);

        Assert.True(result.HasMotion);
        Assert.False(result.GlobalChange);
        BoundingBox region = Assert.Single(_regions);
        Assert.InRange(region.CenterX, 410, 450);
        Assert.InRange(region.CenterY, 330, 390);
    }

    [Fact]
    public void Update_WholeSceneChanges_ReportsGlobalChangeAndRelearns()
    {
        using var gate = new MotionGate(new MotionOptions());
        using Mat dark = new(480, 640, MatType.CV_8UC3, Scalar.All(20));
        using Mat bright = new(480, 640, MatType.CV_8UC3, Scalar.All(230));
        gate.Update(dark, _regions);
        gate.Update(dark, _regions);

        MotionResult change = gate.Update(bright, _regions);
        BoundingBox whole = Assert.Single(_regions);
        MotionResult after = gate.Update(bright, _regions);

        Assert.True(change.GlobalChange);
        Assert.Equal(new BoundingBox(0, 0, 640, 480), whole);
        Assert.False(after.HasMotion);
    }

    private static Mat Scene(Rect? square)
    {
        var frame = new Mat(480, 640, MatType.CV_8UC3, new Scalar(90, 120, 100));
        Cv2.Rectangle(frame, new Rect(50, 50, 100, 40), new Scalar(200, 200, 200), -1);
        if (square is { } r)
        {
            Cv2.Rectangle(frame, r, new Scalar(10, 10, 10), -1);
        }

        return frame;
    }
}

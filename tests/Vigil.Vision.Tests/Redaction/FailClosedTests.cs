using OpenCvSharp;
using Vigil.Domain.Cameras;
using Vigil.Domain.Observations;
using Vigil.Vision.Detection;
using Vigil.Vision.Redaction;

namespace Vigil.Vision.Tests.Redaction;

public sealed class FailClosedTests
{
    [Fact]
    public async Task Redact_DetectorThrows_EveryFrameIsPixelatedWholeAndCounted()
    {
        List<RedactionHarness.Sample> samples = await RedactionHarness.RunAsync(TestAssets.VTest, RedactionMode.People, new ThrowingDetector(), 10, 20, 30);

        Assert.All(samples, s =>
        {
            Assert.Equal(FailClosedReason.DetectorFailed, s.FailedClosed);
            Assert.True(RedactionHarness.DetailCorrelation(s.Original, s.Redacted, new Rect(0, 0, s.Original.Width, s.Original.Height)) < 0.35);
        });
    }

    [Fact]
    public void Redact_DetectionsOlderThanTheLimit_PixelatesWholeFrameAndCountsIt()
    {
        using var redactor = new Redactor(RedactionMode.People, [], new RedactionOptions { MaxDetectionAgeSeconds = 1 }, null);
        using RedactedFrame frame = Redactor.CreateFrame();
        using Mat source = Pattern();

        redactor.Redact(source, 0, TimeSpan.FromSeconds(0.5), new RedactionInput([], [], TimeSpan.Zero, false, false), frame);
        FailClosedReason fresh = frame.FailedClosed;
        redactor.Redact(source, 1, TimeSpan.FromSeconds(3), new RedactionInput([], [], TimeSpan.Zero, false, false), frame);

        Assert.Equal(FailClosedReason.None, fresh);
        Assert.Equal(FailClosedReason.StaleDetections, frame.FailedClosed);
        Assert.Equal(1, redactor.FailClosedFrames);
    }

    [Fact]
    public void Redact_NoDetectionYetOrSceneChanged_FailsClosed()
    {
        using var redactor = new Redactor(RedactionMode.People, [], new RedactionOptions(), null);
        using RedactedFrame frame = Redactor.CreateFrame();
        using Mat source = Pattern();

        redactor.Redact(source, 0, TimeSpan.Zero, new RedactionInput([], [], null, false, false), frame);
        Assert.Equal(FailClosedReason.NoDetectionYet, frame.FailedClosed);
        redactor.Redact(source, 1, TimeSpan.FromSeconds(1), new RedactionInput([], [], TimeSpan.FromSeconds(1), false, true), frame);
        Assert.Equal(FailClosedReason.SceneChanged, frame.FailedClosed);
        Assert.Equal(2, redactor.FailClosedFrames);
    }

    [Fact]
    public void Redact_PrivacyMask_IsFilledSolidEvenWhenFailingClosed()
    {
        Domain.Geometry.Polygon mask = new([new(0, 0), new(0.5, 0), new(0.5, 0.5), new(0, 0.5)]);
        using var redactor = new Redactor(RedactionMode.People, [mask], new RedactionOptions(), null);
        using RedactedFrame frame = Redactor.CreateFrame();
        using Mat source = Pattern();

        redactor.Redact(source, 0, TimeSpan.Zero, new RedactionInput([], [], null, false, false), frame);
        using Mat decoded = Cv2.ImDecode(frame.EncodeJpeg(95).Bytes.ToArray(), ImreadModes.Color);

        Scalar inside = Cv2.Mean(new Mat(decoded, new Rect(10, 10, 100, 100)));
        Assert.True(inside.Val0 + inside.Val1 + inside.Val2 < 15, $"mask mean {inside}");
    }

    [Fact]
    public void Redact_PersonLostForAMoment_StaysHiddenForTheHoldTime()
    {
        using var redactor = new Redactor(RedactionMode.People, [], new RedactionOptions { HoldSeconds = 2 }, null);
        using RedactedFrame frame = Redactor.CreateFrame();
        using Mat source = Pattern();
        var person = new TrackedObject(1, "person", 0.9f, new Domain.Geometry.BoundingBox(200, 100, 60, 150));
        var region = new Rect(200, 100, 60, 150);

        redactor.Redact(source, 0, TimeSpan.Zero, new RedactionInput([person], [], TimeSpan.Zero, false, false), frame);
        redactor.Redact(source, 1, TimeSpan.FromSeconds(1), new RedactionInput([], [], TimeSpan.FromSeconds(1), false, false), frame);
        double held = Correlation(source, frame, region);
        redactor.Redact(source, 2, TimeSpan.FromSeconds(4), new RedactionInput([], [], TimeSpan.FromSeconds(4), false, false), frame);
        double released = Correlation(source, frame, region);

        Assert.True(held < 0.35, $"held region correlation {held:0.00}");
        Assert.True(released > 0.9, $"released region correlation {released:0.00}");
    }

    private static double Correlation(Mat source, RedactedFrame frame, Rect region)
    {
        using Mat redacted = RedactionHarness.ToMat(frame);
        return RedactionHarness.DetailCorrelation(source, redacted, region);
    }

    private static Mat Pattern()
    {
        var m = new Mat(480, 640, MatType.CV_8UC3);
        Cv2.Randu(m, Scalar.All(0), Scalar.All(255));
        return m;
    }

    private sealed class ThrowingDetector : IObjectDetector
    {
        public int InputSize => 416;

        public bool DetectsRegions => true;

        public void Detect(Mat bgrFrame, List<DetectedObject> results) => throw new InvalidOperationException("inference failed");

        public void Detect(Mat bgrFrame, ReadOnlySpan<DetectionRegion> regions, List<DetectedObject> results) => throw new InvalidOperationException("inference failed");
    }
}

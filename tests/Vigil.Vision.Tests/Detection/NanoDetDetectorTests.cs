using OpenCvSharp;
using Vigil.Domain.Observations;
using Vigil.Vision.Detection;
using Vigil.Vision.Tests.Decoding;

namespace Vigil.Vision.Tests.Detection;

public sealed class NanoDetDetectorTests
{
    [Fact]
    public async Task Detect_ConcurrentCamerasSharingOneDetector_GetTheSameResultsAsAlone()
    {
        using var detector = NanoDetDetector.Create(TestAssets.NanoDetModel, new DetectorOptions { Threads = 1 });
        List<Mat> frames = await FrameGrabber.GrabAsync(TestAssets.VTest, 100, 500);
        var alone = frames.Select(f =>
        {
            var r = new List<DetectedObject>();
            detector.Detect(f, r);
            return r;
        }).ToArray();

        var concurrent = new List<DetectedObject>[8];
        await Parallel.ForAsync(0, concurrent.Length, async (i, ct) =>
        {
            await Task.Yield();
            var r = new List<DetectedObject>();
            detector.Detect(frames[i % 2], r);
            concurrent[i] = r;
        });

        for (int i = 0; i < concurrent.Length; i++)
        {
            Assert.Equal(alone[i % 2], concurrent[i]);
        }

        Assert.True(alone[0].Count(d => d.Label == "person") >= 4);
    }

    [Fact]
    public void Detect_BlankFrame_FindsNothing()
    {
        using var detector = NanoDetDetector.Create(TestAssets.NanoDetModel, new DetectorOptions());
        using var blank = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(128));
        var results = new List<DetectedObject>();

        detector.Detect(blank, results);

        Assert.Empty(results);
    }

    [Fact]
    public async Task Detect_OnRegions_FindsThePeopleTheWholeFrameFindsThere_InFramePixels()
    {
        using var detector = NanoDetDetector.Create(TestAssets.NanoDetModel, new DetectorOptions { Threads = 1 });
        Assert.True(detector.DetectsRegions);
        using Mat frame = (await FrameGrabber.GrabAsync(TestAssets.VTest, 100)).Single();
        var whole = new List<DetectedObject>();
        detector.Detect(frame, whole);

        // Two native regions, each around the people the whole frame is sure of in its half.
        DetectionRegion[] regions = [new(0, 96, 384, 416, 384, 416), new(384, 96, 384, 416, 384, 416)];
        var found = new List<DetectedObject>();
        detector.Detect(frame, regions, found);

        DetectedObject[] expected = whole.Where(d => d.Label == "person" && d.Score >= 0.5f && regions.Any(r => Inside(d.Box, r, margin: 8))).ToArray();
        Assert.True(expected.Length >= 3, $"{expected.Length} people wholly inside the regions");
        foreach (DetectedObject person in expected)
        {
            Assert.True(found.Any(d => d.Label == "person" && d.Box.IntersectionOverUnion(person.Box) >= 0.5f), $"{person} not found in the regions: {string.Join(", ", found)}");
        }

        // Nothing is reported cut by a region's inner edge (x 384) or outside the regions.
        Assert.All(found, d => Assert.True(regions.Any(r => Inside(d.Box, r, margin: 0)), d.ToString()));
    }

    [Fact]
    public void Detect_OnRegions_WithTheFixedSizeFp32Model_IsRefused()
    {
        using var detector = NanoDetDetector.Create(TestAssets.NanoDetFp32Model, new DetectorOptions());
        using var frame = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(128));

        Assert.False(detector.DetectsRegions);
        Assert.Throws<InvalidOperationException>(() => detector.Detect(frame, [new DetectionRegion(0, 0, 64, 64, 64, 64)], []));
    }

    [Fact]
    public void Detect_ARegionOutsideTheFrameOrNotInMultiplesOf32_IsRefused()
    {
        using var detector = NanoDetDetector.Create(TestAssets.NanoDetModel, new DetectorOptions());
        using var frame = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(128));

        Assert.Throws<ArgumentException>(() => detector.Detect(frame, [new DetectionRegion(600, 0, 64, 64, 64, 64)], []));
        Assert.Throws<ArgumentException>(() => detector.Detect(frame, [new DetectionRegion(0, 0, 50, 64, 50, 64)], []));
        Assert.Throws<ArgumentException>(() => detector.Detect(frame, [new DetectionRegion(0, 0, 640, 480, 640, 480)], []));
    }

    private static bool Inside(Vigil.Domain.Geometry.BoundingBox b, DetectionRegion r, float margin) =>
        b.X >= r.X + margin - 0.5f && b.Y >= r.Y + margin - 0.5f && b.Right <= r.Right - margin + 0.5f && b.Bottom <= r.Bottom - margin + 0.5f;
}

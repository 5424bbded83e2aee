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
}

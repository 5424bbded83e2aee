using System.Diagnostics;
using OpenCvSharp;
using Vigil.Domain.Observations;
using Vigil.Server.Observability;
using Vigil.Vision.Detection;

namespace Vigil.Server.Pipelines;

/// <summary>The shared detector, with each detection's duration (a whole frame, or a tick's regions together) recorded in the metrics.</summary>
internal sealed class TimedDetector(IObjectDetector inner, Histogram seconds) : IObjectDetector
{
    public int InputSize => inner.InputSize;

    public bool DetectsRegions => inner.DetectsRegions;

    public void Detect(Mat bgrFrame, List<DetectedObject> results)
    {
        long start = Stopwatch.GetTimestamp();
        inner.Detect(bgrFrame, results);
        seconds.Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    public void Detect(Mat bgrFrame, ReadOnlySpan<DetectionRegion> regions, List<DetectedObject> results)
    {
        long start = Stopwatch.GetTimestamp();
        inner.Detect(bgrFrame, regions, results);
        seconds.Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
    }
}

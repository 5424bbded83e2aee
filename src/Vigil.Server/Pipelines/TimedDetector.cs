using System.Diagnostics;
using OpenCvSharp;
using Vigil.Domain.Observations;
using Vigil.Server.Observability;
using Vigil.Vision.Detection;

namespace Vigil.Server.Pipelines;

/// <summary>The shared detector, with each inference's duration recorded in the metrics.</summary>
internal sealed class TimedDetector(IObjectDetector inner, Histogram seconds) : IObjectDetector
{
    public void Detect(Mat bgrFrame, List<DetectedObject> results)
    {
        long start = Stopwatch.GetTimestamp();
        inner.Detect(bgrFrame, results);
        seconds.Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
    }
}

using OpenCvSharp;
using Vigil.Domain.Observations;

namespace Vigil.Vision.Detection;

/// <summary>Finds objects in a frame. Implementations are safe to call from several cameras at once.</summary>
public interface IObjectDetector
{
    /// <summary>Detects objects in a BGR frame and writes them (source-frame pixels) into <paramref name="results"/>.</summary>
    void Detect(Mat bgrFrame, List<DetectedObject> results);
}

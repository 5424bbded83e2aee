using OpenCvSharp;
using Vigil.Domain.Observations;

namespace Vigil.Vision.Detection;

/// <summary>Finds objects in a frame. Implementations are safe to call from several cameras at once.</summary>
public interface IObjectDetector
{
    /// <summary>The square input the detector is sized for: the whole frame is resized to it, and a region costs at most as much.</summary>
    int InputSize { get; }

    /// <summary>Whether the detector runs on regions of free shape (<see cref="Detect(Mat, ReadOnlySpan{DetectionRegion}, List{DetectedObject})"/>); otherwise only whole frames.</summary>
    bool DetectsRegions { get; }

    /// <summary>Detects objects in a BGR frame and writes them (source-frame pixels) into <paramref name="results"/>.</summary>
    void Detect(Mat bgrFrame, List<DetectedObject> results);

    /// <summary>
    /// Detects objects in the given regions of a BGR frame, each at its own input size, and writes
    /// them (source-frame pixels, duplicates across overlapping regions merged) into
    /// <paramref name="results"/>. A box cut by a region's edge inside the frame is dropped: the
    /// object is only partly in that region.
    /// </summary>
    void Detect(Mat bgrFrame, ReadOnlySpan<DetectionRegion> regions, List<DetectedObject> results);
}

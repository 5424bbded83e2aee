using OpenCvSharp;
using Vigil.Domain.Geometry;
using Vigil.Vision.Interop;

namespace Vigil.Vision.Motion;

/// <summary>
/// A cheap per-camera motion detector that decides when the expensive detector must run. The
/// frame is shrunk to ~100 px high, blurred luma; a per-pixel adaptive background (OpenCV's
/// Gaussian-mixture subtractor, a running average that also learns repetitive motion such as
/// foliage) marks changed pixels; an opening removes speckle; connected regions above a noise
/// floor become motion boxes. When most of the image changes at once (camera moved, lights) the
/// background is relearned and the frame is reported as a global change, so redaction can fail
/// closed. Owns its OpenCV buffers; nothing is allocated per frame.
/// </summary>
public sealed class MotionGate : IDisposable
{
    private readonly MotionOptions _options;
    private readonly BackgroundSubtractorMOG2 _background;
    private readonly InputArrayCache _frame = new();
    private readonly CvBuffer _small = new();
    private readonly CvBuffer _gray = new();
    private readonly CvBuffer _mask = new();
    private readonly Mat _labels = new();
    private readonly Mat _stats = new();
    private readonly Mat _centroids = new();
    private Size _size;

    public MotionGate(MotionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _background = BackgroundSubtractorMOG2.Create(options.HistoryFrames, options.VarianceThreshold, detectShadows: false);
    }

    /// <summary>Compares a BGR frame with the background and writes changed regions (source pixels) into <paramref name="regions"/>.</summary>
    public unsafe MotionResult Update(Mat bgrFrame, List<BoundingBox> regions)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        ArgumentNullException.ThrowIfNull(regions);
        regions.Clear();
        int height = Math.Min(_options.AnalysisHeight, bgrFrame.Height);
        int width = Math.Max(1, (int)Math.Round(bgrFrame.Width * (height / (double)bgrFrame.Height)));
        Cv2.Resize(_frame.For(bgrFrame), _small.Mat, new Size(width, height), 0, 0, InterpolationFlags.Linear);
        Cv2.CvtColor(_small.In, _gray.Mat, ColorConversionCodes.BGR2GRAY);
        Cv2.GaussianBlur(_gray.In, _gray.Mat, new Size(3, 3), 0);
        if (_size != new Size(width, height))
        {
            // First frame (or a new resolution): it is the background.
            _size = new Size(width, height);
            _background.Apply(_gray.In, _mask.Mat, 1.0);
            return new MotionResult(false, false, 0);
        }

        _background.Apply(_gray.In, _mask.Mat, _options.BackgroundLearningRate);
        Cv2.MedianBlur(_mask.In, _mask.Mat, 3);
        int area = width * height;
        double changed = Cv2.CountNonZero(_mask.In) / (double)area;
        if (changed >= _options.GlobalChangeFraction)
        {
            _background.Apply(_gray.In, _mask.Mat, 1.0);
            regions.Add(new BoundingBox(0, 0, bgrFrame.Width, bgrFrame.Height));
            return new MotionResult(true, true, changed);
        }

        int count = Cv2.ConnectedComponentsWithStats(_mask.In, _labels, _stats, _centroids, PixelConnectivity.Connectivity8, MatType.CV_32S);
        float scaleX = bgrFrame.Width / (float)width;
        float scaleY = bgrFrame.Height / (float)height;
        int minArea = Math.Max(1, (int)(_options.MinRegionFraction * area));
        int* stats = (int*)_stats.Data;
        int stride = (int)(_stats.Step() / sizeof(int));
        for (int i = 1; i < count; i++) // label 0 is the unchanged background
        {
            int* row = stats + (i * stride);
            if (row[(int)ConnectedComponentsTypes.Area] < minArea)
            {
                continue;
            }

            regions.Add(new BoundingBox(
                row[(int)ConnectedComponentsTypes.Left] * scaleX,
                row[(int)ConnectedComponentsTypes.Top] * scaleY,
                row[(int)ConnectedComponentsTypes.Width] * scaleX,
                row[(int)ConnectedComponentsTypes.Height] * scaleY));
        }

        return new MotionResult(regions.Count > 0, false, changed);
    }

    public void Dispose()
    {
        _background.Dispose();
        _frame.Dispose();
        _small.Dispose();
        _gray.Dispose();
        _mask.Dispose();
        _labels.Dispose();
        _stats.Dispose();
        _centroids.Dispose();
    }
}

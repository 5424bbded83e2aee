using OpenCvSharp;
using Vigil.Vision.Detection;
using Vigil.Vision.Motion;
using Vigil.Vision.Tracking;

namespace Vigil.Vision.Analysis;

/// <summary>
/// The per-camera chain motion gate → detector (on ticks with motion, or to refresh) → tracker.
/// Owns its gate and tracker; the detector is shared between cameras and owned by its creator.
/// Not thread-safe: one analyzer per camera pipeline.
/// </summary>
public sealed class FrameAnalyzer : IDisposable
{
    private readonly IObjectDetector _detector;
    private readonly AnalysisOptions _options;
    private readonly MotionGate _gate;
    private readonly ObjectTracker _tracker;
    private readonly FrameAnalysis _result = new();
    private long _lastTick = -1;
    private TimeSpan? _lastDetection;

    public FrameAnalyzer(IObjectDetector detector, AnalysisOptions analysis, MotionOptions motion, TrackerOptions tracking)
    {
        _detector = detector;
        _options = analysis;
        _gate = new MotionGate(motion);
        _tracker = new ObjectTracker(tracking);
    }

    /// <summary>Detector runs so far.</summary>
    public long DetectorCalls { get; private set; }

    /// <summary>Detection ticks handled: detector runs, gated skips and failures (a missed tick is one never seen).</summary>
    public long Ticks => DetectorCalls + GatedTicks;

    /// <summary>Detection ticks the motion gate skipped.</summary>
    public long GatedTicks { get; private set; }

    /// <summary>Detector calls that threw (the frame was still tracked on predictions).</summary>
    public long DetectorFailures { get; private set; }

    /// <summary>
    /// Frame time at which the scene's objects were last known to be current: a detection ran, or
    /// the motion gate saw that nothing moved since. Redaction fails closed when this is too old.
    /// </summary>
    public TimeSpan? LastVerifiedAt { get; private set; }

    /// <summary>Track ids issued so far.</summary>
    public int TracksStarted => _tracker.TracksStarted;

    /// <summary>Analyses one frame of a source running at <paramref name="sourceFps"/> (infinity for a live source of unknown rate).</summary>
    public FrameAnalysis Process(Mat bgrFrame, long index, TimeSpan timestamp, double sourceFps)
    {
        FrameAnalysis r = Analyse(bgrFrame, index, timestamp, sourceFps);
        r.LastVerifiedAt = LastVerifiedAt;
        return r;
    }

    private FrameAnalysis Analyse(Mat bgrFrame, long index, TimeSpan timestamp, double sourceFps)
    {
        FrameAnalysis r = _result;
        r.Index = index;
        r.Timestamp = timestamp;
        r.Detected = false;
        r.SkippedByGate = false;
        r.DetectorFailed = false;
        r.Detections.Clear();
        r.Motion = _gate.Update(bgrFrame, r.MotionRegions);

        if (!IsTick(timestamp, sourceFps))
        {
            _tracker.Predict(timestamp, r.Objects);
            return r;
        }

        if (r.Motion.GlobalChange)
        {
            // Whatever was known no longer matches the scene.
            LastVerifiedAt = null;
        }

        bool refreshDue = _lastDetection is not { } last || (timestamp - last).TotalSeconds >= _options.FullFrameRefreshSeconds;
        if (_options.MotionGating && !r.Motion.HasMotion && !refreshDue)
        {
            r.SkippedByGate = true;
            GatedTicks++;
            LastVerifiedAt = timestamp;
            _tracker.Hold(timestamp, r.Objects);
            return r;
        }

        DetectorCalls++;
        try
        {
            _detector.Detect(bgrFrame, r.Detections);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failing detection never kills the camera: it is counted, redaction fails closed,
            // and tracks go on predicting until the detector recovers.
            DetectorFailures++;
            r.DetectorFailed = true;
            r.Detections.Clear();
            _tracker.Predict(timestamp, r.Objects);
            return r;
        }

        r.Detected = true;
        _lastDetection = timestamp;
        LastVerifiedAt = timestamp;
        _tracker.Update(r.Detections, timestamp, r.Objects);
        return r;
    }

    /// <summary>
    /// A tick is due when the frame's time crosses into a new 1/DetectFps interval (time, not frame
    /// count, so a live camera with jittery or dropped frames keeps its detection rate).
    /// </summary>
    private bool IsTick(TimeSpan timestamp, double sourceFps)
    {
        if (_options.DetectFps is not { } fps || fps >= sourceFps)
        {
            return true;
        }

        long tick = (long)Math.Floor((timestamp.TotalSeconds * fps) + _options.TickPhase + 1e-9);
        if (tick == _lastTick)
        {
            return false;
        }

        _lastTick = tick;
        return true;
    }

    public void Dispose() => _gate.Dispose();
}

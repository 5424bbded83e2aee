using System.Runtime.InteropServices;
using OpenCvSharp;
using Vigil.Domain.Geometry;
using Vigil.Vision.Detection;
using Vigil.Vision.Motion;
using Vigil.Vision.Tracking;

namespace Vigil.Vision.Analysis;

/// <summary>
/// The per-camera chain motion gate → detector (on ticks with motion, or to refresh) → tracker.
/// On a tick with motion the detector runs only on regions around it when the
/// <see cref="RegionPlanner"/> finds that cheaper than the whole frame; tracks outside them are
/// held (ADR 022). The whole frame is detected at each refresh, after a scene change and when
/// motion is everywhere. Owns its gate, planner and tracker; the detector is shared between
/// cameras and owned by its creator. Not thread-safe: one analyzer per camera pipeline.
/// </summary>
public sealed class FrameAnalyzer : IDisposable
{
    private readonly IObjectDetector _detector;
    private readonly AnalysisOptions _options;
    private readonly MotionGate _gate;
    private readonly ObjectTracker _tracker;
    private readonly RegionPlanner? _planner;
    private readonly List<BoundingBox> _trackBoxes = [];
    private readonly List<BoundingBox> _recheckBoxes = [];
    private readonly FrameAnalysis _result = new();
    private long _lastTick = -1;
    private TimeSpan? _lastWholeFrame;

    public FrameAnalyzer(IObjectDetector detector, AnalysisOptions analysis, MotionOptions motion, TrackerOptions tracking)
    {
        _detector = detector;
        _options = analysis;
        _gate = new MotionGate(motion);
        _tracker = new ObjectTracker(tracking);
        _planner = analysis.MotionGating && analysis.MotionRegions && detector.DetectsRegions ? new RegionPlanner(detector.InputSize, (float)analysis.RegionPadding) : null;
    }

    /// <summary>Ticks the detector ran on (whole frame or regions).</summary>
    public long DetectorCalls { get; private set; }

    /// <summary>Of <see cref="DetectorCalls"/>, the ticks detected on motion regions only.</summary>
    public long RegionTicks { get; private set; }

    /// <summary>Network runs so far: one per whole-frame tick, one per region.</summary>
    public long NetworkRuns { get; private set; }

    /// <summary>Network input pixels so far (what detection cost): the full input per whole frame, each region's input.</summary>
    public long InputPixels { get; private set; }

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
        r.Regions.Clear();
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

        bool refreshDue = _lastWholeFrame is not { } last || (timestamp - last).TotalSeconds >= _options.FullFrameRefreshSeconds;
        if (_options.MotionGating && !r.Motion.HasMotion && !refreshDue)
        {
            r.SkippedByGate = true;
            GatedTicks++;
            LastVerifiedAt = timestamp;
            _tracker.Hold(timestamp, r.Objects);
            return r;
        }

        // Regions only on an ordinary motion tick: a refresh and a scene change look at everything.
        bool regions = false;
        if (_planner is not null && !refreshDue && !r.Motion.GlobalChange)
        {
            _tracker.CollectBoxes(_trackBoxes, _recheckBoxes);
            regions = _planner.Plan(r.MotionRegions, _trackBoxes, _recheckBoxes, bgrFrame.Width, bgrFrame.Height, r.Regions);
        }

        DetectorCalls++;
        try
        {
            if (regions)
            {
                RegionTicks++;
                NetworkRuns += r.Regions.Count;
                foreach (DetectionRegion region in r.Regions)
                {
                    InputPixels += region.InputArea;
                }

                _detector.Detect(bgrFrame, CollectionsMarshal.AsSpan(r.Regions), r.Detections);
            }
            else
            {
                NetworkRuns++;
                InputPixels += (long)_detector.InputSize * _detector.InputSize;
                _detector.Detect(bgrFrame, r.Detections);
            }
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
        LastVerifiedAt = timestamp;
        if (regions)
        {
            // Outside the regions nothing moved: what was known there still holds.
            _tracker.Update(r.Detections, timestamp, r.Objects, CollectionsMarshal.AsSpan(r.Regions));
        }
        else
        {
            _lastWholeFrame = timestamp;
            _tracker.Update(r.Detections, timestamp, r.Objects);
        }

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

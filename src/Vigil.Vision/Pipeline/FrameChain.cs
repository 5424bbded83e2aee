using OpenCvSharp;
using Vigil.Domain.Alerts;
using Vigil.Domain.Cameras;
using Vigil.Domain.Rules;
using Vigil.Vision.Analysis;
using Vigil.Vision.Detection;
using Vigil.Vision.Motion;
using Vigil.Vision.Redaction;
using Vigil.Vision.Tracking;

namespace Vigil.Vision.Pipeline;

/// <summary>
/// One camera's way from a decoded frame to what an operator may see, in one straight path:
/// motion → detect → track (<see cref="FrameAnalyzer"/>) → rules → alerts → redact. The same chain
/// runs live (<see cref="CameraSession"/>, for <c>vigil serve</c>) and offline (<c>vigil analyze</c>,
/// <c>vigil redact</c>), so what the tools report is what the server does. Everything that depends
/// on the frame size (tracks, motion history, the rules' pixel geometry) starts over when the size
/// changes. Owns its analyzer, rule engine, alert manager, redactor and redacted frame; the detector
/// is shared and owned by its creator. Not thread-safe: one thread drives a chain.
/// </summary>
public sealed class FrameChain : IDisposable
{
    private static readonly TimeSpan s_forgetAlertsAfter = TimeSpan.FromMinutes(30);
    private const int PruneEveryFrames = 1000;
    private readonly Camera? _camera;
    private readonly string _cameraId;
    private readonly IObjectDetector _detector;
    private readonly AnalysisOptions _analysis;
    private readonly MotionOptions _motion;
    private readonly TrackerOptions _tracking;
    private readonly Redactor? _redactor;
    private readonly RedactedFrame? _redacted;
    private readonly List<RuleEvent> _events = [];
    private readonly List<AlertChange> _changes = [];
    private FrameAnalyzer _analyzer;
    private RuleEngine? _rules;
    private (int Width, int Height) _size;
    private long _frames;

    /// <param name="camera">The camera whose rules run; null to analyse a video without rules.</param>
    /// <param name="cameraId">The id alerts carry (the camera's, or a name for a bare video).</param>
    /// <param name="detector">The shared detector (owned by the caller).</param>
    /// <param name="redactor">The camera's redactor (owned by the chain from now on); null when nothing leaves as a picture.</param>
    /// <param name="analysis">Detection rate and motion gating.</param>
    /// <param name="motion">The motion gate's settings.</param>
    /// <param name="tracking">The tracker's settings.</param>
    /// <param name="clock">Time for the alert manager.</param>
    public FrameChain(Camera? camera, string cameraId, IObjectDetector detector, Redactor? redactor, AnalysisOptions analysis, MotionOptions motion, TrackerOptions tracking, TimeProvider clock)
    {
        _camera = camera;
        _cameraId = cameraId;
        _detector = detector;
        _analysis = analysis;
        _motion = motion;
        _tracking = tracking;
        _redactor = redactor;
        _redacted = redactor is null ? null : Redactor.CreateFrame();
        _analyzer = new FrameAnalyzer(detector, analysis, motion, tracking);
        Alerts = new AlertManager(clock);
    }

    /// <summary>The analyzer of the current frame size (its counters start over with a new size).</summary>
    public FrameAnalyzer Analyzer => _analyzer;

    public AlertManager Alerts { get; }

    /// <summary>The last frame's analysis (reused by the next step).</summary>
    public FrameAnalysis? Analysis { get; private set; }

    /// <summary>What the alert manager decided on the last frame (reused by the next step).</summary>
    public List<AlertChange> Changes => _changes;

    /// <summary>The last frame, redacted; null for a chain without a redactor.</summary>
    public RedactedFrame? Redacted => _redacted;

    /// <summary>Frames the redactor pixelated whole (failing closed).</summary>
    public long FailClosedFrames => _redactor?.FailClosedFrames ?? 0;

    /// <summary>Runs one frame through the whole chain.</summary>
    public void Step(Mat frame, long index, TimeSpan time, double sourceFps)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_size != (frame.Width, frame.Height))
        {
            Resize(frame.Width, frame.Height);
        }

        FrameAnalysis analysis = _analyzer.Process(frame, index, time, sourceFps);
        Analysis = analysis;
        _changes.Clear();
        if (_rules is not null)
        {
            _events.Clear();
            _rules.Evaluate(analysis.Timestamp, analysis.Objects, _events);
            Alerts.Process(_cameraId, _events, _changes);
        }

        if (_redactor is not null)
        {
            _redactor.Redact(frame, analysis, _redacted!);
        }

        if (++_frames % PruneEveryFrames == 0)
        {
            Alerts.Prune(analysis.Timestamp, s_forgetAlertsAfter);
        }
    }

    public void Dispose()
    {
        _analyzer.Dispose();
        _redacted?.Dispose();
        _redactor?.Dispose();
    }

    /// <summary>A camera that came back at another size: tracks, motion history and the rules' pixels of the old geometry mean nothing in the new one.</summary>
    private void Resize(int width, int height)
    {
        if (_size != (0, 0))
        {
            _analyzer.Dispose();
            _analyzer = new FrameAnalyzer(_detector, _analysis, _motion, _tracking);
        }

        _size = (width, height);
        _rules = _camera is { Rules.Count: > 0 } ? new RuleEngine(_camera, width, height) : null;
    }
}

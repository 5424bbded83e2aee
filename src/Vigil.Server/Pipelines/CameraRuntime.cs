using Vigil.Domain.Alerts;
using Vigil.Domain.Cameras;
using Vigil.Domain.Rules;
using Vigil.Server.Alerts;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Live;
using Vigil.Server.Observability;
using Vigil.Vision.Analysis;
using Vigil.Vision.Pipeline;
using Vigil.Vision.Redaction;

namespace Vigil.Server.Pipelines;

/// <summary>
/// Everything the host keeps for one camera: its configuration, its pipeline while one runs, its
/// live view, and the rule engine and alert manager that its processing thread alone drives.
/// </summary>
internal sealed class CameraRuntime
{
    private static readonly TimeSpan s_forgetAlertsAfter = TimeSpan.FromMinutes(30);
    private readonly List<RuleEvent> _events = [];
    private readonly List<AlertChange> _changes = [];
    private readonly AlertManager _alerts;
    private readonly TimeProvider _clock;
    private readonly int _jpegQuality;
    private RuleEngine? _rules;
    private (int Width, int Height) _rulesSize;
    private AlertWriter? _writer;
    private ServerMetrics? _metrics;
    private long _frames;

    public CameraRuntime(Camera camera, int jpegQuality, TimeProvider clock)
    {
        Camera = camera;
        _clock = clock;
        _jpegQuality = jpegQuality;
        _alerts = new AlertManager(clock);
        Live = new LiveView(jpegQuality);
        Status = new CameraStatus(camera.Id, CameraState.Stopped, "not started", clock.GetUtcNow());
    }

    public Camera Camera { get; }

    public LiveView Live { get; }

    public CameraPipeline? Pipeline { get; private set; }

    public CameraStatus Status { get; private set; }

    public CameraStateDto State
    {
        get
        {
            CameraStatus s = Pipeline?.Status ?? Status;
            return new CameraStateDto(
                Camera.Id,
                Enum.GetName(s.State)!.ToLowerInvariant(),
                s.Reason,
                s.Since,
                Pipeline?.FramesDecoded ?? 0,
                Pipeline?.FramesProcessed ?? 0,
                Pipeline?.FramesDropped ?? 0,
                Pipeline?.FramesFailed ?? 0,
                Pipeline?.Reconnects ?? 0);
        }
    }

    /// <summary>Marks the camera as not running, with the reason operators will see.</summary>
    public void SetStopped(string reason) => Status = new CameraStatus(Camera.Id, CameraState.Stopped, reason, _clock.GetUtcNow());

    /// <summary>Starts processing with this pipeline; its frames feed the rules, the alerts and the live view.</summary>
    public void Attach(CameraPipeline pipeline, AlertWriter writer, ServerMetrics metrics)
    {
        Pipeline = pipeline;
        _writer = writer;
        _metrics = metrics;
        pipeline.FrameProcessed += OnFrame;
    }

    public void Detach() => Pipeline = null;

    /// <summary>On the camera's processing thread: rules, alerts, live view. Exceptions drop the frame (the pipeline counts it).</summary>
    private void OnFrame(FrameAnalysis analysis, RedactedFrame frame)
    {
        _metrics!.PipelineLagSeconds.Observe(Math.Max(0, (_clock.GetUtcNow() - frame.DecodedAt).TotalSeconds));
        if (analysis.Detected)
        {
            _metrics.Detections.Add(analysis.Detections.Count, Camera.Id);
        }

        Live.Offer(frame);
        if (Camera.Rules.Count == 0)
        {
            return;
        }

        if (_rules is null || _rulesSize != (frame.Width, frame.Height))
        {
            // Zones and lines are normalised: a camera that came back at another size gets them in its new pixels.
            _rules = new RuleEngine(Camera, frame.Width, frame.Height);
            _rulesSize = (frame.Width, frame.Height);
        }

        _events.Clear();
        _rules.Evaluate(analysis.Timestamp, analysis.Objects, _events);
        _changes.Clear();
        _alerts.Process(Camera.Id, _events, _changes);
        foreach (AlertChange change in _changes)
        {
            // The snapshot is the redacted frame: the only picture that may leave the pipeline.
            RedactedJpeg? snapshot = change.Kind == AlertChangeKind.Opened && frame.HasContent ? frame.EncodeJpeg(_jpegQuality) : null;
            _writer!.Enqueue(new AlertWork(change, snapshot, frame.DecodedAt));
        }

        if (++_frames % 1000 == 0)
        {
            _alerts.Prune(analysis.Timestamp, s_forgetAlertsAfter);
        }
    }
}

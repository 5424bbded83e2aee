using BenchmarkDotNet.Attributes;
using OpenCvSharp;
using Vigil.Domain.Geometry;
using Vigil.Domain.Observations;
using Vigil.Vision.Analysis;
using Vigil.Vision.Detection;
using Vigil.Vision.Motion;
using Vigil.Vision.Redaction;
using Vigil.Vision.Tracking;

namespace Vigil.Vision.Benchmarks;

/// <summary>
/// Each per-frame stage on a real vtest.avi frame, with the memory diagnoser: a stage that
/// allocates per frame shows it in the Allocated column.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class HotPathBenchmarks
{
    private readonly List<BoundingBox> _regions = [];
    private readonly List<DetectedObject> _detections = [];
    private readonly List<TrackedObject> _tracks = [];
    private Mat _frame = null!;
    private Mat _frame2 = null!;
    private NanoDetDetector _detector = null!;
    private MotionGate _gate = null!;
    private ObjectTracker _tracker = null!;
    private FrameAnalyzer _analyzer = null!;
    private NanoDetDetector.Workspace _workspace = null!;
    private List<DetectedObject> _frameDetections = null!;
    private long _index;
    private Redactor _redactor = null!;
    private RedactedFrame _redacted = null!;
    private TrackedObject[] _people = null!;

    [GlobalSetup]
    public void Setup()
    {
        _frame = Cv2.ImRead(BenchAssets.Path("sample-basketball"));
        _frame2 = _frame.Clone();
        Cv2.Rectangle(_frame2, new Rect(100, 100, 40, 80), Scalar.All(0), -1);
        _detector = NanoDetDetector.Create(BenchAssets.Path("nanodet-onnx"), new DetectorOptions { Threads = 2 });
        _workspace = _detector.CreateWorkspace();
        _gate = new MotionGate(new MotionOptions());
        _tracker = new ObjectTracker(new TrackerOptions());
        _analyzer = new FrameAnalyzer(_detector, new AnalysisOptions { DetectFps = null, MotionGating = false }, new MotionOptions(), new TrackerOptions());
        _frameDetections = [];
        _detector.Detect(_frame, _frameDetections);
        _redactor = new Redactor(Domain.Cameras.RedactionMode.People, [], new RedactionOptions(), null);
        _redacted = Redactor.CreateFrame();
        _people = _frameDetections.Where(d => d.Label == "person").Select((d, i) => new TrackedObject(i + 1, d.Label, d.Score, d.Box)).ToArray();
    }

    /// <summary>People-mode redaction of the frame's people (copy, pixelate, masks).</summary>
    [Benchmark]
    public void Redact() => _redactor.Redact(_frame, _index, TimeSpan.FromSeconds(_index++ * 0.1), new RedactionInput(_people, [], TimeSpan.FromSeconds((_index - 1) * 0.1), false, false), _redacted);

    [Benchmark]
    public void Preprocess() => _detector.Preprocess(_frame, _workspace);

    [Benchmark]
    public void MotionGateUpdate() => _gate.Update((_index++ & 1) == 0 ? _frame : _frame2, _regions);

    [Benchmark]
    public void TrackerUpdate() => _tracker.Update(_frameDetections, TimeSpan.FromSeconds(0.1 * _index++), _tracks);

    [Benchmark]
    public void Detect() => _detector.Detect(_frame, _detections);

    [Benchmark]
    public FrameAnalysis AnalyzeFrame()
    {
        _index++;
        return _analyzer.Process((_index & 1) == 0 ? _frame : _frame2, _index, TimeSpan.FromSeconds(0.1 * _index), 10);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _analyzer.Dispose();
        _redacted.Dispose();
        _redactor.Dispose();
        _gate.Dispose();
        _workspace.Dispose();
        _detector.Dispose();
        _frame.Dispose();
        _frame2.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using Vigil.Domain.Observations;
using Vigil.Vision.Interop;

namespace Vigil.Vision.Detection;

/// <summary>
/// NanoDet on ONNX Runtime. Owns the one inference session (shared by every camera: ONNX
/// Runtime's <c>Run</c> is thread-safe) and a pool of per-call workspaces, each holding its
/// pinned input and output tensors bound to the session once, so a detection allocates nothing
/// per frame.
/// </summary>
public sealed class NanoDetDetector : IObjectDetector, IDisposable
{
    private readonly InferenceSession _session;
    private readonly DetectorOptions _options;
    private readonly NanoDetHead[] _heads;
    private readonly string[] _outputNames;
    private readonly string _inputName;
    private readonly ConcurrentBag<Workspace> _workspaces = [];
    private readonly ConcurrentBag<Workspace> _all = [];
    private bool _disposed;

    private NanoDetDetector(InferenceSession session, DetectorOptions options)
    {
        _session = session;
        _options = options;
        (_inputName, NodeMetadata input) = session.InputMetadata.Single();
        int[] dims = input.Dimensions;
        if (dims.Length != 4 || dims[1] != 3 || dims[2] != dims[3])
        {
            throw new InvalidOperationException($"The model's input is [{string.Join(',', dims)}]; NanoDet needs [1,3,S,S] or [1,3,height,width].");
        }

        Dictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap;
        DetectsRegions = dims[2] < 0;
        if (DetectsRegions)
        {
            // A free-size model (the INT8 conversion) says in its metadata what it is sized for and
            // which output is which head: the cell counts depend on each run's input.
            InputSize = metadata.TryGetValue("vigil.input_size", out string? size) && int.TryParse(size, CultureInfo.InvariantCulture, out int s) && s > 0 && s % 32 == 0
                ? s
                : throw new InvalidOperationException("The model's input size is free but its metadata names no vigil.input_size.");
            _heads = HeadsFromMetadata(metadata, InputSize);
        }
        else
        {
            InputSize = dims[2];
            _heads = FindHeads(session, InputSize);
        }

        _outputNames = _heads.SelectMany(h => new[] { h.ScoresOutput, h.BoxesOutput }).ToArray();
    }

    /// <summary>The square input size of the model (416 for the default conversion): what a whole frame is resized to.</summary>
    public int InputSize { get; }

    /// <summary>Whether the model's height and width are free, so it runs on regions of any shape (the INT8 model; the FP32 one is fixed at its size).</summary>
    public bool DetectsRegions { get; }

    /// <summary>Loads the model and prepares the session.</summary>
    /// <param name="modelPath">A verified NanoDet ONNX file (asset <c>nanodet-onnx</c>).</param>
    /// <param name="options">Thresholds, classes, threads.</param>
    /// <param name="optimizedModelPath">Where ONNX Runtime should save its optimised graph, for inspection.</param>
    public static NanoDetDetector Create(string modelPath, DetectorOptions options, string? optimizedModelPath = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        string[] problems = options.Validate().ToArray();
        if (problems.Length > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            GraphOptimizationLevel = optimizedModelPath is null ? GraphOptimizationLevel.ORT_ENABLE_ALL : GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.SpinWait ? "1" : "0");
        if (optimizedModelPath is not null)
        {
            sessionOptions.OptimizedModelFilePath = optimizedModelPath;
        }

        var session = new InferenceSession(modelPath, sessionOptions);
        try
        {
            return new NanoDetDetector(session, options);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Detect(Mat bgrFrame, List<DetectedObject> results)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        ObjectDisposedException.ThrowIf(_disposed, this);
        Workspace workspace = Rent();
        try
        {
            Preprocess(bgrFrame, workspace);
            NanoDetDecoder decoder = workspace.Decoder;
            decoder.Reset();
            Infer(workspace, InputSize, InputSize, RegionPlacement.WholeFrame(bgrFrame.Width, bgrFrame.Height, InputSize, InputSize));
            decoder.Finish(results, bgrFrame.Width, bgrFrame.Height);
        }
        finally
        {
            _workspaces.Add(workspace);
        }
    }

    /// <inheritdoc />
    public void Detect(Mat bgrFrame, ReadOnlySpan<DetectionRegion> regions, List<DetectedObject> results)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!DetectsRegions)
        {
            throw new InvalidOperationException("This model's input size is fixed: it detects on whole frames only.");
        }

        int area = InputSize * InputSize;
        foreach (DetectionRegion r in regions)
        {
            if (r.InputWidth % 32 != 0 || r.InputHeight % 32 != 0 || r.InputWidth <= 0 || r.InputHeight <= 0 || r.InputArea > area
                || r.X < 0 || r.Y < 0 || r.Width <= 0 || r.Height <= 0 || r.Right > bgrFrame.Width || r.Bottom > bgrFrame.Height)
            {
                throw new ArgumentException($"Region {r} is not a part of the {bgrFrame.Width}×{bgrFrame.Height} frame with an input of multiples of 32 and at most {InputSize}² pixels.", nameof(regions));
            }
        }

        Workspace workspace = Rent();
        try
        {
            NanoDetDecoder decoder = workspace.Decoder;
            decoder.Reset();
            foreach (DetectionRegion region in regions)
            {
                Preprocessing.RegionToNchwRgb(bgrFrame, region, workspace.RegionScratch, workspace.InputData);
                Infer(workspace, region.InputWidth, region.InputHeight, RegionPlacement.Of(region, bgrFrame.Width, bgrFrame.Height));
            }

            decoder.Finish(results, bgrFrame.Width, bgrFrame.Height);
        }
        finally
        {
            _workspaces.Add(workspace);
        }
    }

    /// <summary>One run on the workspace's prepared input of the given size; its candidates go into the workspace's decoder.</summary>
    private void Infer(Workspace workspace, int width, int height, in RegionPlacement placement)
    {
        Workspace.Bound bound = workspace.For(width, height);
        _session.RunWithBinding(workspace.RunOptions, bound.Binding);
        for (int h = 0; h < _heads.Length; h++)
        {
            int stride = _heads[h].Stride;
            int columns = width / stride;
            int rows = height / stride;
            workspace.Decoder.AddLevel(
                workspace.OutputData[2 * h].AsSpan(0, columns * rows * 80),
                workspace.OutputData[(2 * h) + 1].AsSpan(0, columns * rows * 44),
                stride,
                columns,
                rows,
                placement);
        }
    }

    /// <summary>Runs only the network on an already prepared NCHW input; for the reference check and benchmarks.</summary>
    internal float[][] RunRaw(float[] nchwInput)
    {
        Workspace workspace = Rent();
        try
        {
            nchwInput.CopyTo(workspace.InputData, 0);
            _session.RunWithBinding(workspace.RunOptions, workspace.For(InputSize, InputSize).Binding);
            return workspace.OutputData.Select(o => o.ToArray()).ToArray();
        }
        finally
        {
            _workspaces.Add(workspace);
        }
    }

    /// <summary>Runs only the network on the given input, writing into a pooled workspace (benchmarks).</summary>
    internal void RunRawInPlace(float[] nchwInput)
    {
        Workspace workspace = Rent();
        try
        {
            if (!ReferenceEquals(nchwInput, workspace.InputData))
            {
                nchwInput.CopyTo(workspace.InputData, 0);
            }

            _session.RunWithBinding(workspace.RunOptions, workspace.For(InputSize, InputSize).Binding);
        }
        finally
        {
            _workspaces.Add(workspace);
        }
    }

    /// <summary>A workspace outside the pool, owned by the caller (benchmarks of single stages).</summary>
    internal Workspace CreateWorkspace() => new(_session, _inputName, InputSize, _heads, new NanoDetDecoder(_options), DetectsRegions);

    /// <summary>Output names in the order <see cref="RunRaw"/> returns them.</summary>
    internal IReadOnlyList<string> OutputNames => _outputNames;

    /// <summary>Fills the workspace input: resize to S×S, BGR→RGB, 0..1, planar (how the model was trained and how Human feeds it).</summary>
    internal void Preprocess(Mat bgrFrame, Workspace workspace) =>
        Preprocessing.ToNchwRgb(bgrFrame, workspace.Frame.For(bgrFrame), workspace.Resized, workspace.Resized, workspace.InputData, InputSize);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (Workspace w in _all)
        {
            w.Dispose();
        }

        _session.Dispose();
    }

    private Workspace Rent()
    {
        if (_workspaces.TryTake(out Workspace? workspace))
        {
            return workspace;
        }

        workspace = CreateWorkspace();
        _all.Add(workspace);
        return workspace;
    }

    private static NanoDetHead[] FindHeads(InferenceSession session, int inputSize)
    {
        var heads = new List<NanoDetHead>();
        foreach (int stride in new[] { 8, 16, 32 })
        {
            int grid = inputSize / stride;
            string? scores = session.OutputMetadata.FirstOrDefault(o => o.Value.Dimensions is [1, var n, 80] && n == grid * grid).Key;
            string? boxes = session.OutputMetadata.FirstOrDefault(o => o.Value.Dimensions is [1, var n, 44] && n == grid * grid).Key;
            if (scores is null || boxes is null)
            {
                throw new InvalidOperationException($"The model has no NanoDet outputs for stride {stride} ([1,{grid * grid},80] and [1,{grid * grid},44]).");
            }

            heads.Add(new NanoDetHead(stride, grid, scores, boxes));
        }

        return [.. heads];
    }

    private static NanoDetHead[] HeadsFromMetadata(Dictionary<string, string> metadata, int inputSize)
    {
        if (!metadata.TryGetValue("vigil.heads", out string? text))
        {
            throw new InvalidOperationException("The model's input size is free but its metadata names no vigil.heads.");
        }

        var heads = new List<NanoDetHead>();
        foreach (string entry in text.Split(';'))
        {
            string[] parts = entry.Split(':', ',');
            if (parts.Length != 3 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int stride) || stride <= 0)
            {
                throw new InvalidOperationException($"The model's vigil.heads entry '{entry}' is not STRIDE:SCORES,BOXES.");
            }

            heads.Add(new NanoDetHead(stride, inputSize / stride, parts[1], parts[2]));
        }

        if (heads.Select(h => h.Stride).Order().SequenceEqual([8, 16, 32]) is false)
        {
            throw new InvalidOperationException($"The model's heads have strides {string.Join(',', heads.Select(h => h.Stride))}; NanoDet has 8, 16 and 32.");
        }

        return [.. heads.OrderBy(h => h.Stride)];
    }

    /// <summary>
    /// Everything one inference needs, reused call after call: input and output memory for the
    /// largest run (the full-size input; a region never has more pixels), and per input shape the
    /// tensors over that memory bound to the session once. A free-size model meets a few dozen
    /// shapes (motion crops are multiples of 32); the least recently used binding beyond
    /// <see cref="MaxShapes"/> is released.
    /// </summary>
    internal sealed class Workspace : IDisposable
    {
        private const int MaxShapes = 48;
        private readonly InferenceSession _session;
        private readonly string _inputName;
        private readonly NanoDetHead[] _heads;
        private readonly Dictionary<(int Width, int Height), Bound> _bound = [];
        private long _uses;

        public Workspace(InferenceSession session, string inputName, int inputSize, NanoDetHead[] heads, NanoDetDecoder decoder, bool freeSize)
        {
            _session = session;
            _inputName = inputName;
            _heads = heads;
            Decoder = decoder;
            InputData = new float[3 * inputSize * inputSize];
            OutputData = heads.SelectMany(h => new[] { new float[h.Cells * 80], new float[h.Cells * 44] }).ToArray();
            Resized = new Mat(inputSize, inputSize, MatType.CV_8UC3);
            FreeSize = freeSize;
            _ = For(inputSize, inputSize);
        }

        public float[] InputData { get; }

        public float[][] OutputData { get; }

        public Mat Resized { get; }

        /// <summary>A region resized to its input (only for regions not taken at native resolution).</summary>
        public Mat RegionScratch { get; } = new();

        public bool FreeSize { get; }

        /// <summary>The OpenCV wrapper of the last frame this workspace preprocessed.</summary>
        public InputArrayCache Frame { get; } = new();

        public NanoDetDecoder Decoder { get; }

        public RunOptions RunOptions { get; } = new();

        /// <summary>The binding for an input of this shape (made on first use; the first <c>w·h</c> of each buffer are its tensors).</summary>
        public Bound For(int width, int height)
        {
            _uses++;
            if (_bound.TryGetValue((width, height), out Bound? bound))
            {
                bound.LastUse = _uses;
                return bound;
            }

            if (_bound.Count >= MaxShapes)
            {
                KeyValuePair<(int, int), Bound> oldest = _bound.MinBy(b => b.Value.LastUse);
                oldest.Value.Dispose();
                _bound.Remove(oldest.Key);
            }

            bound = new Bound(_session, _inputName, _heads, InputData, OutputData, width, height) { LastUse = _uses };
            _bound[(width, height)] = bound;
            return bound;
        }

        public void Dispose()
        {
            foreach (Bound b in _bound.Values)
            {
                b.Dispose();
            }

            Resized.Dispose();
            RegionScratch.Dispose();
            Frame.Dispose();
            RunOptions.Dispose();
        }

        /// <summary>One input shape's tensors over the workspace's memory, bound once: a run then passes no names or value arrays (which ONNX Runtime's Run would marshal on every call).</summary>
        internal sealed class Bound : IDisposable
        {
            private readonly OrtValue _input;
            private readonly OrtValue[] _outputs;

            public Bound(InferenceSession session, string inputName, NanoDetHead[] heads, float[] input, float[][] outputs, int width, int height)
            {
                _input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, 3 * width * height), [1, 3, height, width]);
                _outputs = new OrtValue[heads.Length * 2];
                Binding = session.CreateIoBinding();
                Binding.BindInput(inputName, _input);
                for (int i = 0; i < heads.Length; i++)
                {
                    int cells = (width / heads[i].Stride) * (height / heads[i].Stride);
                    _outputs[2 * i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, outputs[2 * i].AsMemory(0, cells * 80), [1, cells, 80]);
                    _outputs[(2 * i) + 1] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, outputs[(2 * i) + 1].AsMemory(0, cells * 44), [1, cells, 44]);
                    Binding.BindOutput(heads[i].ScoresOutput, _outputs[2 * i]);
                    Binding.BindOutput(heads[i].BoxesOutput, _outputs[(2 * i) + 1]);
                }
            }

            public OrtIoBinding Binding { get; }

            public long LastUse { get; set; }

            public void Dispose()
            {
                Binding.Dispose();
                _input.Dispose();
                foreach (OrtValue o in _outputs)
                {
                    o.Dispose();
                }
            }
        }
    }
}

using System.Collections.Concurrent;
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
        InputSize = input.Dimensions[2];
        if (input.Dimensions.Length != 4 || input.Dimensions[1] != 3 || input.Dimensions[3] != InputSize)
        {
            throw new InvalidOperationException($"The model's input is [{string.Join(',', input.Dimensions)}]; NanoDet needs [1,3,S,S].");
        }

        _heads = FindHeads(session, InputSize);
        _outputNames = _heads.SelectMany(h => new[] { h.ScoresOutput, h.BoxesOutput }).ToArray();
    }

    /// <summary>The square input size of the model (416 for the default conversion).</summary>
    public int InputSize { get; }

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
            _session.RunWithBinding(workspace.RunOptions, workspace.Binding);
            float scaleX = bgrFrame.Width / (float)InputSize;
            float scaleY = bgrFrame.Height / (float)InputSize;
            NanoDetDecoder decoder = workspace.Decoder;
            decoder.Reset();
            for (int h = 0; h < _heads.Length; h++)
            {
                decoder.AddLevel(workspace.OutputData[2 * h], workspace.OutputData[(2 * h) + 1], _heads[h], scaleX, scaleY);
            }

            decoder.Finish(results, bgrFrame.Width, bgrFrame.Height);
        }
        finally
        {
            _workspaces.Add(workspace);
        }
    }

    /// <summary>Runs only the network on an already prepared NCHW input; for the reference check and benchmarks.</summary>
    internal float[][] RunRaw(float[] nchwInput)
    {
        Workspace workspace = Rent();
        try
        {
            nchwInput.CopyTo(workspace.InputData, 0);
            _session.RunWithBinding(workspace.RunOptions, workspace.Binding);
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

            _session.RunWithBinding(workspace.RunOptions, workspace.Binding);
        }
        finally
        {
            _workspaces.Add(workspace);
        }
    }

    /// <summary>A workspace outside the pool, owned by the caller (benchmarks of single stages).</summary>
    internal Workspace CreateWorkspace() => new(_session, _inputName, InputSize, _heads, new NanoDetDecoder(_options));

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

    /// <summary>Everything one inference needs, reused call after call.</summary>
    internal sealed class Workspace : IDisposable
    {
        public Workspace(InferenceSession session, string inputName, int inputSize, NanoDetHead[] heads, NanoDetDecoder decoder)
        {
            Decoder = decoder;
            InputData = new float[3 * inputSize * inputSize];
            Input = OrtValue.CreateTensorValueFromMemory(InputData, [1, 3, inputSize, inputSize]);
            OutputData = heads.SelectMany(h => new[] { new float[h.Cells * 80], new float[h.Cells * 44] }).ToArray();
            Outputs = heads.SelectMany((h, i) => new[]
            {
                OrtValue.CreateTensorValueFromMemory(OutputData[2 * i], [1, h.Cells, 80]),
                OrtValue.CreateTensorValueFromMemory(OutputData[(2 * i) + 1], [1, h.Cells, 44]),
            }).ToArray();

            // Bound once: a run then passes no names or value arrays (which ONNX Runtime's Run
            // would marshal again on every call).
            Binding = session.CreateIoBinding();
            Binding.BindInput(inputName, Input);
            for (int i = 0; i < heads.Length; i++)
            {
                Binding.BindOutput(heads[i].ScoresOutput, Outputs[2 * i]);
                Binding.BindOutput(heads[i].BoxesOutput, Outputs[(2 * i) + 1]);
            }

            Resized = new Mat(inputSize, inputSize, MatType.CV_8UC3);
        }

        public float[] InputData { get; }

        public OrtValue Input { get; }

        public float[][] OutputData { get; }

        public OrtValue[] Outputs { get; }

        public OrtIoBinding Binding { get; }

        public Mat Resized { get; }

        /// <summary>The OpenCV wrapper of the last frame this workspace preprocessed.</summary>
        public InputArrayCache Frame { get; } = new();

        public NanoDetDecoder Decoder { get; }

        public RunOptions RunOptions { get; } = new();

        public void Dispose()
        {
            Binding.Dispose();
            Input.Dispose();
            foreach (OrtValue o in Outputs)
            {
                o.Dispose();
            }

            Resized.Dispose();
            Frame.Dispose();
            RunOptions.Dispose();
        }
    }
}

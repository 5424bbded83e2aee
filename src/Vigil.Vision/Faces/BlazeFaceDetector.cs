using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using Vigil.Domain.Geometry;

namespace Vigil.Vision.Faces;

/// <summary>
/// MediaPipe BlazeFace (256×256 "back" model) used for one purpose only: finding faces so the
/// redactor can blur them. It returns boxes, never descriptors: nothing here can tell one face
/// from another (DESIGN.md §1). One shared session; per-call workspaces are pooled.
/// </summary>
public sealed class BlazeFaceDetector : IDisposable
{
    private const int Values = 16;
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string[] _outputNames;
    private readonly (int Cells, int Anchors)[] _levels = [(16, 2), (8, 6)];
    private readonly float _threshold;
    private readonly ConcurrentBag<Workspace> _pool = [];
    private readonly ConcurrentBag<Workspace> _all = [];

    private BlazeFaceDetector(InferenceSession session, float threshold)
    {
        _session = session;
        _threshold = threshold;
        (_inputName, NodeMetadata input) = session.InputMetadata.Single();
        Size = input.Dimensions[1];

        // Scores and boxes per level, found by shape: [1,512,1], [1,384,1], [1,512,16], [1,384,16].
        string Find(int anchors, int width) => session.OutputMetadata.Single(o => o.Value.Dimensions is [1, var n, var w] && n == anchors && w == width).Key;
        _outputNames = [Find(512, 1), Find(512, Values), Find(384, 1), Find(384, Values)];
    }

    /// <summary>The model's square input size.</summary>
    public int Size { get; }

    public static BlazeFaceDetector Create(string modelPath, float threshold = 0.5f, int threads = 1)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        var session = new InferenceSession(modelPath, options);
        try
        {
            return new BlazeFaceDetector(session, threshold);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Finds faces inside <paramref name="region"/> of a BGR frame; appends their boxes in frame pixels.</summary>
    public void Detect(Mat bgrFrame, Rect region, List<BoundingBox> faces)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        ArgumentNullException.ThrowIfNull(faces);
        region &= new Rect(0, 0, bgrFrame.Width, bgrFrame.Height);
        if (region.Width < 8 || region.Height < 8)
        {
            return;
        }

        Workspace w = _pool.TryTake(out Workspace? pooled) ? pooled : NewWorkspace();
        try
        {
            // Letterbox: keep the aspect ratio, pad the rest, so faces are not squashed.
            float scale = Size / (float)Math.Max(region.Width, region.Height);
            int width = Math.Max(1, (int)(region.Width * scale));
            int height = Math.Max(1, (int)(region.Height * scale));
            using (var roi = new Mat(bgrFrame, region))
            {
                Cv2.Resize(roi, w.Resized, new OpenCvSharp.Size(width, height), 0, 0, InterpolationFlags.Linear);
            }

            Fill(w, width, height);
            _session.Run(w.RunOptions, w.InputNames, w.Inputs, _outputNames, w.Outputs);
            int start = faces.Count;
            Decode(w.Data[0], w.Data[1], _levels[0], region, scale, faces);
            Decode(w.Data[2], w.Data[3], _levels[1], region, scale, faces);
            Suppress(faces, start);
        }
        finally
        {
            _pool.Add(w);
        }
    }

    public void Dispose()
    {
        foreach (Workspace w in _all)
        {
            w.Dispose();
        }

        _session.Dispose();
    }

    /// <summary>NHWC RGB scaled to -1..1, padding black (-1).</summary>
    private unsafe void Fill(Workspace w, int width, int height)
    {
        Array.Fill(w.Input, -1f);
        byte* pixels = (byte*)w.Resized.Data;
        long step = w.Resized.Step();
        for (int y = 0; y < height; y++)
        {
            byte* row = pixels + (y * step);
            int o = y * Size * 3;
            for (int x = 0; x < width; x++)
            {
                w.Input[o + (3 * x)] = (row[(3 * x) + 2] / 127.5f) - 1f;
                w.Input[o + (3 * x) + 1] = (row[(3 * x) + 1] / 127.5f) - 1f;
                w.Input[o + (3 * x) + 2] = (row[3 * x] / 127.5f) - 1f;
            }
        }
    }

    private void Decode(float[] scores, float[] boxes, (int Cells, int Anchors) level, Rect region, float scale, List<BoundingBox> faces)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            float score = 1f / (1f + MathF.Exp(-scores[i]));
            if (score < _threshold)
            {
                continue;
            }

            int cell = i / level.Anchors;
            float ax = ((cell % level.Cells) + 0.5f) / level.Cells * Size;
            float ay = ((cell / level.Cells) + 0.5f) / level.Cells * Size;
            float cx = ax + boxes[i * Values];
            float cy = ay + boxes[(i * Values) + 1];
            float bw = boxes[(i * Values) + 2];
            float bh = boxes[(i * Values) + 3];
            faces.Add(new BoundingBox(region.X + ((cx - (bw / 2)) / scale), region.Y + ((cy - (bh / 2)) / scale), bw / scale, bh / scale));
        }
    }

    /// <summary>Keeps the largest of overlapping boxes (for blurring, bigger is safer).</summary>
    private static void Suppress(List<BoundingBox> faces, int start)
    {
        for (int i = faces.Count - 1; i > start; i--)
        {
            for (int j = start; j < i; j++)
            {
                if (faces[i].IntersectionOverUnion(faces[j]) > 0.3f)
                {
                    if (faces[i].Area > faces[j].Area)
                    {
                        faces[j] = faces[i];
                    }

                    faces.RemoveAt(i);
                    break;
                }
            }
        }
    }

    private Workspace NewWorkspace()
    {
        var w = new Workspace(_inputName, Size);
        _all.Add(w);
        return w;
    }

    private sealed class Workspace : IDisposable
    {
        public Workspace(string inputName, int size)
        {
            Input = new float[size * size * 3];
            Data = [new float[512], new float[512 * Values], new float[384], new float[384 * Values]];
            InputNames = [inputName];
            Inputs = [OrtValue.CreateTensorValueFromMemory(Input, [1, size, size, 3])];
            Outputs =
            [
                OrtValue.CreateTensorValueFromMemory(Data[0], [1, 512, 1]),
                OrtValue.CreateTensorValueFromMemory(Data[1], [1, 512, Values]),
                OrtValue.CreateTensorValueFromMemory(Data[2], [1, 384, 1]),
                OrtValue.CreateTensorValueFromMemory(Data[3], [1, 384, Values]),
            ];
        }

        public float[] Input { get; }

        public float[][] Data { get; }

        public string[] InputNames { get; }

        public OrtValue[] Inputs { get; }

        public OrtValue[] Outputs { get; }

        public Mat Resized { get; } = new();

        public RunOptions RunOptions { get; } = new();

        public void Dispose()
        {
            foreach (OrtValue v in Inputs.Concat(Outputs))
            {
                v.Dispose();
            }

            Resized.Dispose();
            RunOptions.Dispose();
        }
    }
}

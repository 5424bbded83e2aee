using Vigil.Domain.Geometry;
using Vigil.Domain.Observations;

namespace Vigil.Vision.Detection;

/// <summary>
/// Turns NanoDet's raw outputs into detections: per-class sigmoid scores, each box side as the
/// expectation of a softmax over 11 distance bins times the stride, measured from the cell
/// centre; then per-class non-maximum suppression over every level and region of the frame (so
/// an object seen in two overlapping regions is kept once). Reuses its scratch buffers between frames.
/// </summary>
internal sealed class NanoDetDecoder
{
    /// <summary>Distance bins per box side (NanoDet's reg_max + 1).</summary>
    public const int Bins = 11;

    private const int Sides = 4;
    private readonly int[] _classIds;
    private readonly float _scoreThreshold;
    private readonly float _nmsThreshold;
    private readonly int _maxDetections;
    private readonly int _classCount;
    private readonly float _vehicleMergeThreshold;
    private readonly bool[] _isVehicle;
    private Candidate[] _candidates = new Candidate[256];
    private int _count;

    public NanoDetDecoder(DetectorOptions options, int classCount = 80)
    {
        ArgumentNullException.ThrowIfNull(options);
        _classIds = options.Classes.Select(CocoClasses.IndexOf).Where(i => i >= 0).Distinct().Order().ToArray();
        _scoreThreshold = options.ScoreThreshold;
        _nmsThreshold = options.NmsIouThreshold;
        _maxDetections = options.MaxDetections;
        _classCount = classCount;
        _vehicleMergeThreshold = options.VehicleMergeIouThreshold;
        _isVehicle = new bool[classCount];
        foreach (string vehicle in new[] { "car", "bus", "truck" })
        {
            _isVehicle[CocoClasses.IndexOf(vehicle)] = true;
        }
    }

    /// <summary>Starts a new frame.</summary>
    public void Reset() => _count = 0;

    /// <summary>Adds the candidates of one output level, in source-frame pixels.</summary>
    /// <param name="scores">Scores, <c>cells × classCount</c>.</param>
    /// <param name="distributions">Side distributions, <c>cells × 44</c>.</param>
    /// <param name="stride">Input pixels per grid cell.</param>
    /// <param name="columns">Grid cells across (input width / stride).</param>
    /// <param name="rows">Grid cells down (input height / stride).</param>
    /// <param name="placement">Where the input lies in the frame, and which boxes its edges cut.</param>
    public void AddLevel(ReadOnlySpan<float> scores, ReadOnlySpan<float> distributions, int stride, int columns, int rows, in RegionPlacement placement)
    {
        int cells = columns * rows;
        for (int cell = 0; cell < cells; cell++)
        {
            ReadOnlySpan<float> cellScores = scores.Slice(cell * _classCount, _classCount);
            foreach (int classId in _classIds)
            {
                float score = cellScores[classId];
                if (score < _scoreThreshold)
                {
                    continue;
                }

                float cx = ((cell % columns) + 0.5f) * stride;
                float cy = ((cell / columns) + 0.5f) * stride;
                ReadOnlySpan<float> d = distributions.Slice(cell * Sides * Bins, Sides * Bins);
                float left = placement.OffsetX + ((cx - (Expectation(d[..Bins]) * stride)) * placement.ScaleX);
                float top = placement.OffsetY + ((cy - (Expectation(d.Slice(Bins, Bins)) * stride)) * placement.ScaleY);
                float right = placement.OffsetX + ((cx + (Expectation(d.Slice(2 * Bins, Bins)) * stride)) * placement.ScaleX);
                float bottom = placement.OffsetY + ((cy + (Expectation(d.Slice(3 * Bins, Bins)) * stride)) * placement.ScaleY);
                if (left < placement.MinLeft || top < placement.MinTop || right > placement.MaxRight || bottom > placement.MaxBottom)
                {
                    continue; // cut by an edge of the region inside the frame: only part of the object is in it
                }

                if (bottom - top < placement.MinHeight)
                {
                    continue;
                }

                Add(new Candidate(BoundingBox.FromCorners(left, top, right, bottom), classId, score));
            }
        }
    }

    /// <summary>Runs per-class NMS over the frame's candidates and writes the survivors, best first.</summary>
    public void Finish(List<DetectedObject> results, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(results);
        results.Clear();
        Span<Candidate> all = _candidates.AsSpan(0, _count);
        all.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        for (int i = 0; i < all.Length && results.Count < _maxDetections; i++)
        {
            ref Candidate c = ref all[i];
            if (c.Suppressed)
            {
                continue;
            }

            results.Add(new DetectedObject(c.Box.ClampTo(imageWidth, imageHeight), CocoClasses.Names[c.ClassId], c.Score));
            for (int j = i + 1; j < all.Length; j++)
            {
                ref Candidate other = ref all[j];
                if (other.Suppressed)
                {
                    continue;
                }

                float iou = c.Box.IntersectionOverUnion(other.Box);
                if ((other.ClassId == c.ClassId && iou > _nmsThreshold)
                    || (_isVehicle[c.ClassId] && _isVehicle[other.ClassId] && iou > _vehicleMergeThreshold))
                {
                    other.Suppressed = true;
                }
            }
        }
    }

    /// <summary>Σ softmax(logits)ᵢ · i: the expected distance in strides.</summary>
    internal static float Expectation(ReadOnlySpan<float> logits)
    {
        float max = float.MinValue;
        foreach (float l in logits)
        {
            max = Math.Max(max, l);
        }

        float sum = 0;
        float weighted = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            float e = MathF.Exp(logits[i] - max);
            sum += e;
            weighted += e * i;
        }

        return weighted / sum;
    }

    private void Add(Candidate candidate)
    {
        if (_count == _candidates.Length)
        {
            Array.Resize(ref _candidates, _candidates.Length * 2);
        }

        _candidates[_count++] = candidate;
    }

    private struct Candidate(BoundingBox box, int classId, float score)
    {
        public BoundingBox Box = box;
        public int ClassId = classId;
        public float Score = score;
        public bool Suppressed;
    }
}

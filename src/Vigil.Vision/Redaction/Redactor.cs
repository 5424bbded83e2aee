using OpenCvSharp;
using Vigil.Domain.Cameras;
using Vigil.Domain.Geometry;
using Vigil.Domain.Observations;
using Vigil.Vision.Analysis;
using Vigil.Vision.Faces;

namespace Vigil.Vision.Redaction;

/// <summary>
/// The only maker of <see cref="RedactedFrame"/>s. Per camera: in <c>people</c> mode every person
/// box (tracked, freshly detected, or seen within the hold time) is pixelated, padded; in
/// <c>faces</c> mode faces found by BlazeFace (on the frame and on each person's upper body) and
/// the head region of every person box are pixelated. Privacy masks are filled solid in every
/// mode. It fails closed: with no detection yet, stale detections, a detector failure or a scene
/// change, the whole frame is pixelated. Not thread-safe: one per camera pipeline.
/// </summary>
public sealed class Redactor : IDisposable
{
    private readonly RedactionMode _mode;
    private readonly IReadOnlyList<Polygon> _masks;
    private readonly RedactionOptions _options;
    private readonly BlazeFaceDetector? _faces;
    private readonly Dictionary<int, (BoundingBox Box, TimeSpan Seen)> _held = [];
    private readonly List<BoundingBox> _people = [];
    private readonly List<BoundingBox> _faceBoxes = [];
    private readonly List<int> _expired = [];
    private readonly Mat _small = new();
    private Point[][] _maskPoints = [];
    private Size _maskSize;

    /// <param name="mode">People or faces.</param>
    /// <param name="masks">Privacy masks, normalised coordinates.</param>
    /// <param name="options">Padding, hold time, staleness limit.</param>
    /// <param name="faces">The shared face detector; required in faces mode.</param>
    public Redactor(RedactionMode mode, IReadOnlyList<Polygon> masks, RedactionOptions options, BlazeFaceDetector? faces)
    {
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(options);
        if (mode == RedactionMode.Faces && faces is null)
        {
            throw new ArgumentException("Faces mode needs a face detector.", nameof(faces));
        }

        _mode = mode;
        _masks = masks;
        _options = options;
        _faces = faces;
    }

    /// <summary>Frames pixelated whole because redaction could not be trusted (exported as a metric).</summary>
    public long FailClosedFrames { get; private set; }

    /// <summary>A reusable frame for the redactor to fill.</summary>
    public static RedactedFrame CreateFrame() => new();

    /// <summary>Redacts a frame with what its analysis found (tracks, detections, freshness, failures).</summary>
    public void Redact(Mat source, FrameAnalysis analysis, RedactedFrame into)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        Redact(source, analysis.Index, analysis.Timestamp, new RedactionInput(analysis.Objects, analysis.Detections, analysis.LastVerifiedAt, analysis.DetectorFailed, analysis.Motion.GlobalChange), into);
    }

    /// <summary>Redacts a copy of <paramref name="source"/> into <paramref name="into"/>.</summary>
    public void Redact(Mat source, long index, TimeSpan time, in RedactionInput input, RedactedFrame into)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(into);
        source.CopyTo(into.Pixels);
        Mat pixels = into.Pixels;
        FailClosedReason reason = Decide(time, input);
        if (reason != FailClosedReason.None)
        {
            FailClosedFrames++;
            Pixelate(pixels, new Rect(0, 0, pixels.Width, pixels.Height), CellSize(pixels));
        }
        else
        {
            CollectPeople(time, input, pixels.Width, pixels.Height);
            if (_mode == RedactionMode.People)
            {
                foreach (BoundingBox box in _people)
                {
                    Pixelate(pixels, Pad(box, _options.BoxPadding, pixels), CellSize(pixels));
                }
            }
            else
            {
                RedactFaces(source, pixels);
            }
        }

        FillMasks(pixels);
        into.Index = index;
        into.Timestamp = time;
        into.FailedClosed = reason;
    }

    public void Dispose() => _small.Dispose();

    private FailClosedReason Decide(TimeSpan time, in RedactionInput input)
    {
        if (input.DetectorFailed)
        {
            return FailClosedReason.DetectorFailed;
        }

        if (input.SceneChanged)
        {
            return FailClosedReason.SceneChanged;
        }

        if (input.LastDetectionAt is not { } last)
        {
            return FailClosedReason.NoDetectionYet;
        }

        return (time - last).TotalSeconds > _options.MaxDetectionAgeSeconds ? FailClosedReason.StaleDetections : FailClosedReason.None;
    }

    /// <summary>Every person box to hide: tracks, raw person detections, and tracks lost within the hold time.</summary>
    private void CollectPeople(TimeSpan time, in RedactionInput input, int width, int height)
    {
        _people.Clear();
        foreach (TrackedObject t in input.Tracks)
        {
            if (t.Label == "person")
            {
                _held[t.TrackId] = (t.Box, time);
            }
        }

        foreach (DetectedObject d in input.Detections)
        {
            if (d.Label == "person")
            {
                _people.Add(d.Box);
            }
        }

        _expired.Clear();
        foreach ((int id, (BoundingBox box, TimeSpan seen)) in _held)
        {
            if ((time - seen).TotalSeconds > _options.HoldSeconds)
            {
                _expired.Add(id);
            }
            else
            {
                _people.Add(box.ClampTo(width, height));
            }
        }

        foreach (int id in _expired)
        {
            _held.Remove(id);
        }
    }

    private void RedactFaces(Mat source, Mat pixels)
    {
        _faceBoxes.Clear();
        var frame = new Rect(0, 0, source.Width, source.Height);
        _faces!.Detect(source, frame, _faceBoxes);
        foreach (BoundingBox person in _people)
        {
            // The upper body at the detector's scale finds faces too small to see in the whole frame.
            Rect upper = Pad(new BoundingBox(person.X, person.Y, person.Width, person.Height * 0.5f), 0.2, pixels);
            _faces.Detect(source, upper, _faceBoxes);

            // The head region is hidden whether or not a face was found (backs of heads, profiles).
            Pixelate(pixels, Pad(new BoundingBox(person.X, person.Y, person.Width, person.Height * 0.3f), _options.BoxPadding, pixels), CellSize(pixels));
        }

        foreach (BoundingBox face in _faceBoxes)
        {
            Rect r = Pad(face, _options.FacePadding, pixels);
            Pixelate(pixels, r, Math.Max(2, Math.Max(r.Width, r.Height) / 6));
        }
    }

    private int CellSize(Mat pixels) => Math.Max(2, (int)(pixels.Height * _options.PixelCellFraction));

    /// <summary>Replaces a region by blocks of its average colour (cell × cell pixels).</summary>
    private void Pixelate(Mat pixels, Rect region, int cell)
    {
        region &= new Rect(0, 0, pixels.Width, pixels.Height);
        if (region.Width <= 0 || region.Height <= 0)
        {
            return;
        }

        using var roi = new Mat(pixels, region);
        var small = new Size(Math.Max(1, region.Width / cell), Math.Max(1, region.Height / cell));
        Cv2.Resize(roi, _small, small, 0, 0, InterpolationFlags.Area);
        Cv2.Resize(_small, roi, region.Size, 0, 0, InterpolationFlags.Nearest);
    }

    private static Rect Pad(BoundingBox box, double padding, Mat pixels)
    {
        double px = box.Width * padding;
        double py = box.Height * padding;
        int left = (int)Math.Floor(box.X - px);
        int top = (int)Math.Floor(box.Y - py);
        int right = (int)Math.Ceiling(box.Right + px);
        int bottom = (int)Math.Ceiling(box.Bottom + py);
        return Rect.FromLTRB(left, top, right, bottom) & new Rect(0, 0, pixels.Width, pixels.Height);
    }

    private void FillMasks(Mat pixels)
    {
        if (_masks.Count == 0)
        {
            return;
        }

        if (_maskSize != pixels.Size())
        {
            _maskSize = pixels.Size();
            _maskPoints = _masks.Select(m => m.Points.Select(p => new Point(p.X * pixels.Width, p.Y * pixels.Height)).ToArray()).ToArray();
        }

        Cv2.FillPoly(pixels, _maskPoints, Scalar.Black);
    }
}

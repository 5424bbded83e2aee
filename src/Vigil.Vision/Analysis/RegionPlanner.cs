using Vigil.Domain.Geometry;
using Vigil.Vision.Detection;

namespace Vigil.Vision.Analysis;

/// <summary>
/// Plans where the detector looks on a tick with motion (issue 24, ADR 022): each motion box
/// padded for context, overlapping ones merged, then nearby ones merged while one run costs
/// less than two; each region at the frame's native resolution (small people keep their
/// pixels instead of losing half of them to the whole frame's resize), in multiples of 32, and
/// scaled down only when it has more pixels than the detector's full input. When the regions
/// together cost nearly a whole-frame run, the plan is the whole frame. Cost is network input
/// pixels plus a fixed charge per run. Reuses its lists; nothing is allocated per frame.
/// </summary>
public sealed class RegionPlanner(int inputSize, float padFraction = RegionPlanner.PadFraction)
{
    /// <summary>Padding around a motion box: this many pixels plus <see cref="PadFraction"/> of its longer side, each way.</summary>
    public const int MinPad = 16;

    /// <summary>Padding around a motion box, as a fraction of its longer side (motion rarely covers the whole person).</summary>
    public const float PadFraction = 0.1f;

    /// <summary>Above this fraction of a whole-frame run's cost, the regions are not worth it.</summary>
    public const float WholeFrameFraction = 0.9f;

    /// <summary>What one run costs beyond its pixels, in input pixels (measured: about 0.4 ms, a 64×64 input).</summary>
    public const int RunOverhead = 64 * 64;

    private readonly List<Box> _boxes = [];
    private readonly int _budget = inputSize * inputSize;

    /// <summary>
    /// Plans one tick. Returns false when the whole frame should be detected instead (no
    /// motion, or regions that would cost nearly as much); otherwise the regions are in
    /// <paramref name="regions"/>. A track that reaches into a motion region is taken in whole
    /// (a region's edge must not cut an object that is tracked: half of it would be detected as
    /// another); a new or lost track is looked for again where it is, as a whole-frame detection
    /// would at the next tick.
    /// </summary>
    /// <param name="motion">The motion gate's boxes, frame pixels.</param>
    /// <param name="tracks">Every live track's box.</param>
    /// <param name="recheck">Boxes of tracks not yet confirmed or missed when last looked for.</param>
    /// <param name="frameWidth">Frame width.</param>
    /// <param name="frameHeight">Frame height.</param>
    /// <param name="regions">Receives the plan.</param>
    public bool Plan(IReadOnlyList<BoundingBox> motion, IReadOnlyList<BoundingBox> tracks, IReadOnlyList<BoundingBox> recheck, int frameWidth, int frameHeight, List<DetectionRegion> regions)
    {
        ArgumentNullException.ThrowIfNull(motion);
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(recheck);
        ArgumentNullException.ThrowIfNull(regions);
        regions.Clear();
        if (motion.Count == 0 || frameWidth < 32 || frameHeight < 32)
        {
            return false;
        }

        _boxes.Clear();
        foreach (BoundingBox m in motion)
        {
            _boxes.Add(Padded(m, MinPad + (padFraction * Math.Max(m.Width, m.Height)), frameWidth, frameHeight));
        }

        int moving = _boxes.Count;
        foreach (BoundingBox t in tracks)
        {
            Box tracked = Padded(t, MinPad, frameWidth, frameHeight);
            for (int i = 0; i < moving; i++)
            {
                if (_boxes[i].Overlaps(tracked))
                {
                    _boxes.Add(tracked);
                    break;
                }
            }
        }

        foreach (BoundingBox t in recheck)
        {
            if (t.Height < RegionPlacement.MinRegionBoxInputHeight)
            {
                continue; // too small for a native region to report: only the whole frame can settle it
            }

            _boxes.Add(Padded(t, MinPad, frameWidth, frameHeight));
        }

        MergeOverlapping();
        MergeWhileCheaper(frameWidth, frameHeight);
        long cost = 0;
        foreach (Box b in _boxes)
        {
            cost += Cost(b, frameWidth, frameHeight);
        }

        if (cost >= WholeFrameFraction * (_budget + RunOverhead))
        {
            return false;
        }

        foreach (Box b in _boxes)
        {
            regions.Add(ToRegion(b, frameWidth, frameHeight));
        }

        return true;
    }

    /// <summary>The network input a box becomes (see the class summary), with the part of the frame it covers.</summary>
    internal DetectionRegion ToRegion(Box b, int frameWidth, int frameHeight)
    {
        float w = b.Right - b.Left;
        float h = b.Bottom - b.Top;
        int nativeW = Ceiling32(w);
        int nativeH = Ceiling32(h);
        if ((long)nativeW * nativeH <= _budget && nativeW <= frameWidth && nativeH <= frameHeight)
        {
            // Native: grown to the rounded size around its centre, kept inside the frame.
            int x = Math.Clamp((int)MathF.Round(b.Left - ((nativeW - w) / 2)), 0, frameWidth - nativeW);
            int y = Math.Clamp((int)MathF.Round(b.Top - ((nativeH - h) / 2)), 0, frameHeight - nativeH);
            return new DetectionRegion(x, y, nativeW, nativeH, nativeW, nativeH);
        }

        // Too many pixels (or a frame side that is no multiple of 32): the box itself, resized
        // with its aspect kept to at most the detector's input pixels.
        int left = (int)MathF.Floor(b.Left);
        int top = (int)MathF.Floor(b.Top);
        int width = Math.Min(frameWidth, (int)MathF.Ceiling(b.Right)) - left;
        int height = Math.Min(frameHeight, (int)MathF.Ceiling(b.Bottom)) - top;
        double scale = Math.Min(1, Math.Sqrt(_budget / ((double)width * height)));
        int inputW = Math.Max(32, (int)Math.Round(width * scale / 32) * 32);
        int inputH = Math.Max(32, (int)Math.Round(height * scale / 32) * 32);
        while ((long)inputW * inputH > _budget)
        {
            if (inputW >= inputH)
            {
                inputW -= 32;
            }
            else
            {
                inputH -= 32;
            }
        }

        return new DetectionRegion(left, top, width, height, inputW, inputH);
    }

    private long Cost(Box b, int frameWidth, int frameHeight) => ToRegion(b, frameWidth, frameHeight).InputArea + RunOverhead;

    private void MergeOverlapping()
    {
        bool merged = true;
        while (merged)
        {
            merged = false;
            for (int i = 0; i < _boxes.Count && !merged; i++)
            {
                for (int j = i + 1; j < _boxes.Count; j++)
                {
                    if (_boxes[i].Overlaps(_boxes[j]))
                    {
                        _boxes[i] = _boxes[i].Union(_boxes[j]);
                        _boxes.RemoveAt(j);
                        merged = true;
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Merges the pair that saves most while any merge saves (a run's overhead counts), then overlaps again.</summary>
    private void MergeWhileCheaper(int frameWidth, int frameHeight)
    {
        while (_boxes.Count > 1)
        {
            long bestGain = 0;
            int bestI = -1;
            int bestJ = -1;
            for (int i = 0; i < _boxes.Count; i++)
            {
                for (int j = i + 1; j < _boxes.Count; j++)
                {
                    long gain = Cost(_boxes[i], frameWidth, frameHeight) + Cost(_boxes[j], frameWidth, frameHeight) - Cost(_boxes[i].Union(_boxes[j]), frameWidth, frameHeight);
                    if (gain > bestGain)
                    {
                        (bestGain, bestI, bestJ) = (gain, i, j);
                    }
                }
            }

            if (bestI < 0)
            {
                return;
            }

            _boxes[bestI] = _boxes[bestI].Union(_boxes[bestJ]);
            _boxes.RemoveAt(bestJ);
            MergeOverlapping();
        }
    }

    private static Box Padded(BoundingBox b, float pad, int frameWidth, int frameHeight) =>
        new(Math.Max(0, b.X - pad), Math.Max(0, b.Y - pad), Math.Min(frameWidth, b.Right + pad), Math.Min(frameHeight, b.Bottom + pad));

    private static int Ceiling32(float v) => Math.Max(32, (int)MathF.Ceiling(v / 32) * 32);

    /// <summary>A box by its edges, in frame pixels.</summary>
    internal readonly record struct Box(float Left, float Top, float Right, float Bottom)
    {
        public bool Overlaps(Box o) => Left < o.Right && o.Left < Right && Top < o.Bottom && o.Top < Bottom;

        public Box Union(Box o) => new(Math.Min(Left, o.Left), Math.Min(Top, o.Top), Math.Max(Right, o.Right), Math.Max(Bottom, o.Bottom));
    }
}

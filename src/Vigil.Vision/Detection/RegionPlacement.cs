namespace Vigil.Vision.Detection;

/// <summary>
/// Where one network input lies in the frame: input pixel (x, y) is frame pixel
/// (OffsetX + x·ScaleX, OffsetY + y·ScaleY). A box reaching past Min/Max is cut by an edge of
/// the region that lies inside the frame and is dropped (infinite for the frame's own edges); so
/// is, in a region, a box under <see cref="MinRegionBoxInputHeight"/> input pixels high.
/// </summary>
internal readonly record struct RegionPlacement(float OffsetX, float OffsetY, float ScaleX, float ScaleY, float MinLeft, float MinTop, float MaxRight, float MaxBottom, float MinHeight = 0)
{
    /// <summary>
    /// The lowest box a region reports, in input pixels. A region at native resolution shows
    /// the network things far smaller than the whole frame's resize ever does; below this NanoDet's
    /// boxes are mostly fragments (measured on vtest.avi: 16–23 px "people" on a lamp and a bin
    /// that the whole-frame path never reports, and that its refresh could never confirm).
    /// </summary>
    public const float MinRegionBoxInputHeight = 24f;

    /// <summary>Input pixels inside a region's edge within which a box counts as cut there.</summary>
    private const float CutTolerance = 2f;

    /// <summary>The whole frame resized to the input: nothing is cut.</summary>
    public static RegionPlacement WholeFrame(int frameWidth, int frameHeight, int inputWidth, int inputHeight) =>
        new(0, 0, frameWidth / (float)inputWidth, frameHeight / (float)inputHeight, float.NegativeInfinity, float.NegativeInfinity, float.PositiveInfinity, float.PositiveInfinity);

    /// <summary>A region of a frame of the given size.</summary>
    public static RegionPlacement Of(in DetectionRegion region, int frameWidth, int frameHeight)
    {
        float sx = region.Width / (float)region.InputWidth;
        float sy = region.Height / (float)region.InputHeight;
        return new RegionPlacement(
            region.X,
            region.Y,
            sx,
            sy,
            region.X > 0 ? region.X + (CutTolerance * sx) : float.NegativeInfinity,
            region.Y > 0 ? region.Y + (CutTolerance * sy) : float.NegativeInfinity,
            region.Right < frameWidth ? region.Right - (CutTolerance * sx) : float.PositiveInfinity,
            region.Bottom < frameHeight ? region.Bottom - (CutTolerance * sy) : float.PositiveInfinity,
            MinRegionBoxInputHeight * sy);
    }
}

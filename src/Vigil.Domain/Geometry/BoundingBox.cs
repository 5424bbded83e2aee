namespace Vigil.Domain.Geometry;

/// <summary>An axis-aligned box in pixels: left, top, width, height.</summary>
public readonly record struct BoundingBox(float X, float Y, float Width, float Height)
{
    public float Right => X + Width;

    public float Bottom => Y + Height;

    public float Area => Math.Max(0, Width) * Math.Max(0, Height);

    public float CenterX => X + (Width / 2);

    public float CenterY => Y + (Height / 2);

    /// <summary>Builds a box from its corners.</summary>
    public static BoundingBox FromCorners(float left, float top, float right, float bottom) => new(left, top, right - left, bottom - top);

    /// <summary>Intersection over union, 0 when the boxes do not overlap.</summary>
    public float IntersectionOverUnion(BoundingBox other)
    {
        float w = Math.Min(Right, other.Right) - Math.Max(X, other.X);
        float h = Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        float intersection = w * h;
        return intersection / (Area + other.Area - intersection);
    }

    /// <summary>The box clipped to an image of the given size.</summary>
    public BoundingBox ClampTo(int imageWidth, int imageHeight)
    {
        float left = Math.Clamp(X, 0, imageWidth);
        float top = Math.Clamp(Y, 0, imageHeight);
        return FromCorners(left, top, Math.Clamp(Right, left, imageWidth), Math.Clamp(Bottom, top, imageHeight));
    }
}

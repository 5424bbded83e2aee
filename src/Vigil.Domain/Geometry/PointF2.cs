namespace Vigil.Domain.Geometry;

/// <summary>A point; in configuration, normalised image coordinates (x right, y down, 0..1).</summary>
public readonly record struct PointF2(double X, double Y)
{
    public static PointF2 operator -(PointF2 a, PointF2 b) => new(a.X - b.X, a.Y - b.Y);

    /// <summary>z of the cross product of two vectors.</summary>
    public static double Cross(PointF2 a, PointF2 b) => (a.X * b.Y) - (a.Y * b.X);

    public static double Dot(PointF2 a, PointF2 b) => (a.X * b.X) + (a.Y * b.Y);

    public double Length => Math.Sqrt((X * X) + (Y * Y));
}

namespace Vigil.Domain.Geometry;

/// <summary>A simple polygon (at least three points, edges that do not cross).</summary>
public sealed class Polygon
{
    public Polygon(IReadOnlyList<PointF2> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 3)
        {
            throw new ArgumentException("A polygon needs at least three points.", nameof(points));
        }

        Points = points;
    }

    public IReadOnlyList<PointF2> Points { get; }

    /// <summary>Whether the point is inside; a point exactly on an edge counts as inside.</summary>
    public bool Contains(PointF2 p)
    {
        bool inside = false;
        for (int i = 0, j = Points.Count - 1; i < Points.Count; j = i++)
        {
            PointF2 a = Points[i];
            PointF2 b = Points[j];
            if (OnSegment(p, a, b))
            {
                return true;
            }

            if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < ((b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y)) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Unsigned area (shoelace formula), in the square of the points' unit.</summary>
    public double Area()
    {
        double sum = 0;
        for (int i = 0, j = Points.Count - 1; i < Points.Count; j = i++)
        {
            sum += (Points[j].X * Points[i].Y) - (Points[i].X * Points[j].Y);
        }

        return Math.Abs(sum) / 2;
    }

    /// <summary>Whether two edges that are not neighbours touch or cross.</summary>
    public static bool IsSelfIntersecting(IReadOnlyList<PointF2> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.Count;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                bool neighbours = j == i + 1 || (i == 0 && j == n - 1);
                if (!neighbours && SegmentsIntersect(points[i], points[(i + 1) % n], points[j], points[(j + 1) % n]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether segments p1p2 and q1q2 share a point.</summary>
    public static bool SegmentsIntersect(PointF2 p1, PointF2 p2, PointF2 q1, PointF2 q2)
    {
        double d1 = PointF2.Cross(q2 - q1, p1 - q1);
        double d2 = PointF2.Cross(q2 - q1, p2 - q1);
        double d3 = PointF2.Cross(p2 - p1, q1 - p1);
        double d4 = PointF2.Cross(p2 - p1, q2 - p1);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        return (d1 == 0 && OnSegment(p1, q1, q2)) || (d2 == 0 && OnSegment(p2, q1, q2))
            || (d3 == 0 && OnSegment(q1, p1, p2)) || (d4 == 0 && OnSegment(q2, p1, p2));
    }

    private static bool OnSegment(PointF2 p, PointF2 a, PointF2 b) =>
        Math.Abs(PointF2.Cross(b - a, p - a)) < 1e-12
        && p.X >= Math.Min(a.X, b.X) - 1e-12 && p.X <= Math.Max(a.X, b.X) + 1e-12
        && p.Y >= Math.Min(a.Y, b.Y) - 1e-12 && p.Y <= Math.Max(a.Y, b.Y) + 1e-12;
}

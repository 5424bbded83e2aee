using Vigil.Domain.Geometry;

namespace Vigil.Domain.Tests.Geometry;

public sealed class GeometryTests
{
    private static readonly Polygon s_square = new([new(0, 0), new(1, 0), new(1, 1), new(0, 1)]);

    [Theory]
    [InlineData(0.5, 0.5, true)]
    [InlineData(1.0, 0.5, true)] // on an edge: inside
    [InlineData(0.0, 0.0, true)] // on a corner: inside
    [InlineData(1.01, 0.5, false)]
    [InlineData(-0.2, 0.5, false)]
    public void Contains_PointAgainstSquare_BoundaryCountsAsInside(double x, double y, bool expected) =>
        Assert.Equal(expected, s_square.Contains(new PointF2(x, y)));

    [Fact]
    public void IsSelfIntersecting_BowTie_IsDetected()
    {
        Assert.True(Polygon.IsSelfIntersecting([new(0, 0), new(1, 1), new(1, 0), new(0, 1)]));
        Assert.False(Polygon.IsSelfIntersecting(s_square.Points));
    }

    [Fact]
    public void Homography_ImageQuadToMetres_MapsCornersAndAreas()
    {
        // A 10 m x 8 m rectangle seen in perspective (narrower far edge).
        PointF2[] image = [new(0.3, 0.4), new(0.7, 0.4), new(0.9, 0.9), new(0.1, 0.9)];
        PointF2[] metres = [new(0, 0), new(10, 0), new(10, 8), new(0, 8)];

        Homography h = Homography.FromPoints(image, metres);
        var mapped = new Polygon(image.Select(h.Map).ToArray());

        Assert.Equal(10, h.Map(image[1]).X, 6);
        Assert.Equal(8, h.Map(image[2]).Y, 6);
        Assert.Equal(80, mapped.Area(), 6);
    }

    [Fact]
    public void Homography_ThreePointsOnALine_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Homography.FromPoints([new(0, 0), new(0.5, 0.5), new(1, 1), new(0, 1)], [new(0, 0), new(1, 0), new(1, 1), new(0, 1)]));
}

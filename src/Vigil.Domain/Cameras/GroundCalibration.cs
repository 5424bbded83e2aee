using Vigil.Domain.Geometry;

namespace Vigil.Domain.Cameras;

/// <summary>Four image points (normalised) and where they lie on the ground, in metres: for crowd density.</summary>
public sealed record GroundCalibration(IReadOnlyList<PointF2> Image, IReadOnlyList<PointF2> Metres)
{
    public Homography ToMetres() => Homography.FromPoints(Image, Metres);
}

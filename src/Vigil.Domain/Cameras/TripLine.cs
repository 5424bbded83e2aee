using Vigil.Domain.Geometry;

namespace Vigil.Domain.Cameras;

/// <summary>A counting line from <paramref name="From"/> to <paramref name="To"/> (normalised coordinates).</summary>
/// <remarks>"Left to right" means crossing from the left of the directed line (looking from From to To) to its right.</remarks>
public sealed record TripLine(string Id, PointF2 From, PointF2 To);

using Vigil.Domain.Geometry;

namespace Vigil.Domain.Cameras;

/// <summary>An area of a camera's view, in normalised image coordinates.</summary>
/// <param name="Id">Unique within the camera.</param>
/// <param name="Polygon">The area; a track is in the zone when its bottom-centre is.</param>
/// <param name="Ground">Optional ground calibration, needed by density rules.</param>
/// <param name="Direction">Optional allowed direction of travel (normalised image vector), needed by wrong-way rules.</param>
public sealed record Zone(string Id, Polygon Polygon, GroundCalibration? Ground, PointF2? Direction);

using Vigil.Domain.Geometry;

namespace Vigil.Domain.Observations;

/// <summary>
/// A confirmed track on one frame. The id is an anonymous counter, unique within one camera's
/// run; it carries no appearance and is never matched across cameras or runs.
/// </summary>
/// <param name="TrackId">Anonymous id within the camera.</param>
/// <param name="Label">The object class.</param>
/// <param name="Score">Confidence of the latest matched detection.</param>
/// <param name="Box">Estimated box on this frame, in source-frame pixels.</param>
public readonly record struct TrackedObject(int TrackId, string Label, float Score, BoundingBox Box);

using Vigil.Domain.Geometry;

namespace Vigil.Domain.Observations;

/// <summary>One object the detector found in one frame: what kind, where, how sure. Never who.</summary>
/// <param name="Box">Where, in source-frame pixels.</param>
/// <param name="Label">The object class, e.g. <c>person</c> or <c>car</c>.</param>
/// <param name="Score">Confidence, 0..1.</param>
public readonly record struct DetectedObject(BoundingBox Box, string Label, float Score);

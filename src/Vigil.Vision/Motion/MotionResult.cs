namespace Vigil.Vision.Motion;

/// <summary>What the motion gate saw on one frame.</summary>
/// <param name="HasMotion">At least one changed region above the noise floor.</param>
/// <param name="GlobalChange">Most of the image changed at once: the background was reset and detections may be stale.</param>
/// <param name="ChangedFraction">Fraction of analysed pixels that changed.</param>
public readonly record struct MotionResult(bool HasMotion, bool GlobalChange, double ChangedFraction);

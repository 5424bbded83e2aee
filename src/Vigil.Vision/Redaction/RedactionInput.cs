using Vigil.Domain.Observations;

namespace Vigil.Vision.Redaction;

/// <summary>What the redactor knows about a frame besides its pixels.</summary>
/// <param name="Tracks">Confirmed tracks on this frame.</param>
/// <param name="Detections">The latest detections (people not yet confirmed as tracks are redacted too).</param>
/// <param name="LastDetectionAt">Frame time of the latest successful detection, or null if none yet.</param>
/// <param name="DetectorFailed">The detector threw on the latest attempt.</param>
/// <param name="SceneChanged">The motion gate reported a global change (detections may no longer fit the scene).</param>
public readonly record struct RedactionInput(
    IReadOnlyList<TrackedObject> Tracks,
    IReadOnlyList<DetectedObject> Detections,
    TimeSpan? LastDetectionAt,
    bool DetectorFailed,
    bool SceneChanged);

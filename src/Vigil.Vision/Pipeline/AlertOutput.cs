using Vigil.Domain.Alerts;
using Vigil.Domain.Cameras;
using Vigil.Vision.Redaction;

namespace Vigil.Vision.Pipeline;

/// <summary>An alert opened, updated or ended on a camera's frame.</summary>
/// <param name="Change">What the alert manager decided.</param>
/// <param name="Snapshot">The redacted frame as JPEG, for a newly opened alert.</param>
/// <param name="DecodedAt">When the frame that caused it was decoded.</param>
/// <param name="Clip">The alert's clip as the camera records it (null when it records nothing); open-ended while its episode lasts.</param>
public sealed record AlertOutput(AlertChange Change, RedactedJpeg? Snapshot, DateTimeOffset DecodedAt, ClipWindow? Clip = null) : CameraOutput;

using Vigil.Domain.Alerts;
using Vigil.Vision.Redaction;

namespace Vigil.Server.Alerts;

/// <summary>An alert change on its way from a camera's processing thread to the store and the push.</summary>
/// <param name="Change">What the alert manager decided.</param>
/// <param name="SnapshotJpeg">The redacted frame as JPEG, for a newly opened alert.</param>
/// <param name="DecodedAt">When the frame that caused it was decoded.</param>
internal sealed record AlertWork(AlertChange Change, RedactedJpeg? SnapshotJpeg, DateTimeOffset DecodedAt);

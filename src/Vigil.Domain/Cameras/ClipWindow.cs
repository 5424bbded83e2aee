namespace Vigil.Domain.Cameras;

/// <summary>
/// The footage that belongs to an alert: from <see cref="From"/> (its opening less the pre-roll)
/// to <see cref="To"/> (its end plus the post-roll), or open-ended while the alert's episode lasts.
/// </summary>
public readonly record struct ClipWindow(DateTimeOffset From, DateTimeOffset? To)
{
    /// <summary>Whether the window shares any time with [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => From < end && (To is not { } to || to > start);
}

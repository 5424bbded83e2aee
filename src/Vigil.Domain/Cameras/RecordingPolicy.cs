namespace Vigil.Domain.Cameras;

/// <summary>
/// A camera's <c>record:</c> settings: what is kept (<see cref="Mode"/>), how long each kind of
/// footage is kept, the pre- and post-roll around alerts, and an optional size cap.
/// </summary>
public sealed record RecordingPolicy
{
    /// <summary>What a camera records when its configuration says nothing: alert clips only.</summary>
    public static RecordingPolicy Default { get; } = new();

    public static RecordingPolicy Off { get; } = new() { Mode = RecordingMode.Off };

    /// <summary>The longest retention a configuration may ask for (ten years).</summary>
    public const double MaxRetainDays = 3650;

    /// <summary>The longest pre- or post-roll (the pre-roll is held back before it is kept or dropped).</summary>
    public static readonly TimeSpan MaxRoll = TimeSpan.FromSeconds(60);

    /// <summary>An episode alert's clip is at most this long before its post-roll (a crowd that stays for an hour is recorded by the mode, not as one clip).</summary>
    public static readonly TimeSpan MaxClip = TimeSpan.FromMinutes(5);

    public RecordingMode Mode { get; init; } = RecordingMode.Events;

    /// <summary>How long continuous footage (nothing moved) is kept after it ends.</summary>
    public TimeSpan RetainContinuous { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long footage with motion is kept after it ends.</summary>
    public TimeSpan RetainMotion { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long footage around alerts is kept after it ends (an evidence hold keeps it longer).</summary>
    public TimeSpan RetainEvents { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The length of one recorded file.</summary>
    public TimeSpan SegmentLength { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Footage kept before an alert opens.</summary>
    public TimeSpan PreRoll { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Footage kept after an alert ends.</summary>
    public TimeSpan PostRoll { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most this camera's footage may take on disk (oldest goes first), or null for no cap of its own.</summary>
    public long? MaxBytes { get; init; }

    /// <summary>Whether the camera writes anything at all.</summary>
    public bool Records => Mode != RecordingMode.Off;

    /// <summary>How long footage of that kind is kept after it ends.</summary>
    public TimeSpan RetainFor(FootageKind kind) => kind switch
    {
        FootageKind.Event => RetainEvents,
        FootageKind.Motion => RetainMotion,
        _ => RetainContinuous,
    };

    /// <summary>Whether footage of that kind is kept at all under this mode.</summary>
    public bool Keeps(FootageKind kind) => Mode switch
    {
        RecordingMode.Continuous => true,
        RecordingMode.Motion => kind is FootageKind.Motion or FootageKind.Event,
        RecordingMode.Events => kind == FootageKind.Event,
        _ => false,
    };

    /// <summary>
    /// The clip of an alert opened at <paramref name="openedAt"/>: a track alert (a crossing, a
    /// loitering person) is an instant; an episode lasts until <paramref name="endedAt"/> (open-ended
    /// while it lasts), at most <see cref="MaxClip"/>. Null when the camera records nothing.
    /// </summary>
    public ClipWindow? ClipOf(DateTimeOffset openedAt, DateTimeOffset? endedAt, bool instant)
    {
        if (!Records)
        {
            return null;
        }

        DateTimeOffset from = openedAt - PreRoll;
        DateTimeOffset cap = openedAt + MaxClip;
        DateTimeOffset? end = instant ? openedAt : endedAt is { } e ? (e < cap ? e : cap) : null;
        return new ClipWindow(from, end + PostRoll);
    }

    /// <summary>What a segment of [<paramref name="start"/>, <paramref name="end"/>) is, given whether it moved and the clips around it.</summary>
    public static FootageKind Classify(DateTimeOffset start, DateTimeOffset end, bool motion, IEnumerable<ClipWindow> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        return clips.Any(c => c.Overlaps(start, end)) ? FootageKind.Event : motion ? FootageKind.Motion : FootageKind.Continuous;
    }
}

namespace Vigil.Domain.Evidence;

/// <summary>
/// The rules of a camera's originals (DESIGN.md §3, issue 22): kept encrypted for a short time, off by
/// default, never longer than <see cref="MaxKeep"/> whatever an incident says; unmasked only for a short
/// range at a time, approved by an auditor under <see cref="DualControl"/>, and watched for a limited
/// time by the one person who asked.
/// </summary>
public static class OriginalFootage
{
    /// <summary>The longest a camera may keep its originals.</summary>
    public static readonly TimeSpan MaxKeep = TimeSpan.FromDays(7);

    /// <summary>The longest range one unmask request may cover.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromMinutes(10);

    /// <summary>How long an approved view lasts.</summary>
    public static readonly TimeSpan ViewFor = TimeSpan.FromMinutes(30);

    /// <summary>Why a camera cannot keep its originals this long, or null.</summary>
    public static string? CheckKeep(TimeSpan keep) =>
        keep <= TimeSpan.Zero ? "originals.keep must be more than zero"
        : keep > MaxKeep ? $"originals.keep is at most {MaxKeep.TotalDays:0} days: unredacted footage is kept only briefly"
        : null;

    /// <summary>Why this range cannot be asked for, or null.</summary>
    public static string? CheckRange(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, TimeSpan keep) =>
        to <= from ? "'to' must be after 'from'"
        : to - from > MaxRange ? $"at most {MaxRange.TotalMinutes:0} minutes per request; ask again for the next minutes"
        : to > now ? "the range must be in the past"
        : from < now - keep ? $"the camera keeps its originals {keep.TotalHours:0} hours; older footage no longer exists"
        : null;
}

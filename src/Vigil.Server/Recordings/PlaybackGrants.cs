using System.Collections.Concurrent;

namespace Vigil.Server.Recordings;

/// <summary>
/// Who may fetch which recorded footage now: an audited playback grants its user that camera's
/// time range for <see cref="Lifetime"/>; a segment is served only inside such a grant, so no file
/// is ever fetched without the audit entry that says who looked at what. In memory: after a restart
/// the console simply asks for the playback again (and that is audited again).
/// </summary>
internal sealed class PlaybackGrants(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private const int MaxPerUser = 64;
    private readonly ConcurrentDictionary<string, List<Entry>> _byUser = new(StringComparer.Ordinal);

    /// <summary>Grants <paramref name="userId"/> the range; returns when it expires.</summary>
    public DateTimeOffset Grant(string userId, string cameraId, DateTimeOffset from, DateTimeOffset to)
    {
        DateTimeOffset now = clock.GetUtcNow();
        List<Entry> grants = _byUser.GetOrAdd(userId, _ => []);
        lock (grants)
        {
            grants.RemoveAll(g => g.ExpiresAt <= now);
            if (grants.Count >= MaxPerUser)
            {
                grants.RemoveAt(0);
            }

            grants.Add(new Entry(cameraId, from, to, now + Lifetime));
        }

        return now + Lifetime;
    }

    /// <summary>Whether the user holds a grant of that camera that covers any of [start, end).</summary>
    public bool Allows(string userId, string cameraId, DateTimeOffset start, DateTimeOffset end)
    {
        if (!_byUser.TryGetValue(userId, out List<Entry>? grants))
        {
            return false;
        }

        DateTimeOffset now = clock.GetUtcNow();
        lock (grants)
        {
            return grants.Exists(g => g.ExpiresAt > now && g.CameraId == cameraId && g.From < end && g.To > start);
        }
    }

    private sealed record Entry(string CameraId, DateTimeOffset From, DateTimeOffset To, DateTimeOffset ExpiresAt);
}

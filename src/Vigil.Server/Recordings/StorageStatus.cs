namespace Vigil.Server.Recordings;

/// <summary>The storage guard's last check: what supervisors see on the console and in <c>/metrics</c>.</summary>
/// <param name="State">Whether footage had to go, or recording is paused.</param>
/// <param name="FreeBytes">Free space on the recordings' disk after the check.</param>
/// <param name="UsedBytes">What the indexed footage takes.</param>
/// <param name="Message">What happened, in words, for the supervisor (null when all is well).</param>
/// <param name="CheckedAt">When.</param>
public sealed record StorageStatus(StorageState State, long FreeBytes, long UsedBytes, string? Message, DateTimeOffset CheckedAt);

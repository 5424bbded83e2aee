namespace Vigil.Server.Api.Contracts;

/// <summary>The footage to play: a camera's time range, at most a day.</summary>
public sealed record PlaybackRequest(DateTimeOffset? From, DateTimeOffset? To);

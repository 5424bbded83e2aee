namespace Vigil.Server.Api.Contracts;

/// <summary>Response intervals in seconds (null until both ends happened) and the targets missed.</summary>
public sealed record ResponseTimesDto(double? CallToDispatchSeconds, double? TurnoutSeconds, double? TravelSeconds, double? TotalSeconds, IReadOnlyList<string> MissedTargets);

namespace Vigil.Domain.Dispatch;

/// <summary>A unit proposed for an incident, with its estimated travel time and the reason in words.</summary>
public sealed record UnitRecommendation(Unit Unit, TimeSpan EstimatedTravel, double DistanceKm, string Reason);

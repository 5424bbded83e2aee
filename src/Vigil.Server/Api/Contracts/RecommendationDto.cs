namespace Vigil.Server.Api.Contracts;

/// <summary>A unit proposed for an incident, ranked by estimated travel time, with the reason.</summary>
public sealed record RecommendationDto(string UnitId, string Name, string Type, double DistanceKm, double EstimatedTravelSeconds, string Reason);

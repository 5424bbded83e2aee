using Vigil.Domain.Dispatch;

namespace Vigil.Server.Api.Contracts;

/// <summary>A unit proposed for an incident, ranked by estimated travel time, with the reason.</summary>
public sealed record RecommendationDto(string UnitId, string Name, string Type, double DistanceKm, double EstimatedTravelSeconds, string Reason)
{
    public static RecommendationDto From(UnitRecommendation r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Unit.Id, r.Unit.Name, UnitTypeNames.NameOf(r.Unit.Type), Math.Round(r.DistanceKm, 2), Math.Round(r.EstimatedTravel.TotalSeconds), r.Reason);
    }
}

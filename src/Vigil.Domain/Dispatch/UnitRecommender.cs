using System.Globalization;
using Vigil.Domain.Cameras;

namespace Vigil.Domain.Dispatch;

/// <summary>
/// Ranks the available units of the types an incident needs by estimated travel time to it.
/// Units that are busy or out of service are never proposed.
/// </summary>
public sealed class UnitRecommender(ITravelTimeEstimator travel)
{
    /// <summary>Which unit types suit each incident type, best first.</summary>
    public static IReadOnlyList<UnitType> TypesFor(IncidentType type) => type switch
    {
        IncidentType.Fire or IncidentType.HazardousMaterial => [UnitType.FireEngine, UnitType.Rescue],
        IncidentType.Medical => [UnitType.Ambulance],
        IncidentType.TrafficCollision => [UnitType.Ambulance, UnitType.PolicePatrol, UnitType.Rescue],
        IncidentType.Flood => [UnitType.Rescue, UnitType.FireEngine],
        IncidentType.CrowdSafety or IncidentType.PublicDisorder or IncidentType.Intrusion => [UnitType.PolicePatrol],
        _ => [UnitType.PolicePatrol, UnitType.Ambulance, UnitType.FireEngine, UnitType.Rescue],
    };

    public IReadOnlyList<UnitRecommendation> Recommend(
        IncidentType type,
        GeoLocation scene,
        IEnumerable<(Unit Unit, UnitStatus Status, GeoLocation Position)> units,
        int take = 5)
    {
        IReadOnlyList<UnitType> suitable = TypesFor(type);
        return units
            .Where(u => u.Status == UnitStatus.Available && suitable.Contains(u.Unit.Type))
            .Select(u =>
            {
                TimeSpan eta = travel.Estimate(u.Unit.Type, u.Position, scene);
                double km = TravelTimeEstimator.DistanceKm(u.Position, scene);
                string reason = string.Create(CultureInfo.InvariantCulture, $"available {UnitTypeNames.NameOf(u.Unit.Type)}, {km:0.0} km away, about {Math.Ceiling(eta.TotalMinutes):0} min");
                return new UnitRecommendation(u.Unit, eta, km, reason);
            })
            .OrderBy(r => r.EstimatedTravel)
            .ThenBy(r => r.Unit.Id, StringComparer.Ordinal)
            .Take(take)
            .ToArray();
    }
}

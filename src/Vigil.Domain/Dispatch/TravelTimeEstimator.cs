using Vigil.Domain.Cameras;

namespace Vigil.Domain.Dispatch;

/// <summary>
/// Estimates driving time by great-circle distance at a typical speed per unit type, with a
/// detour factor for streets. Replaceable (<see cref="ITravelTimeEstimator"/>) by a road-network router.
/// </summary>
public sealed class TravelTimeEstimator(IReadOnlyDictionary<UnitType, double>? speedsKmh = null, double detourFactor = 1.4) : ITravelTimeEstimator
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Urban averages with lights and sirens.</summary>
    public static IReadOnlyDictionary<UnitType, double> DefaultSpeedsKmh { get; } = new Dictionary<UnitType, double>
    {
        [UnitType.Ambulance] = 40,
        [UnitType.FireEngine] = 35,
        [UnitType.PolicePatrol] = 45,
        [UnitType.Rescue] = 35,
    };

    public TimeSpan Estimate(UnitType type, GeoLocation origin, GeoLocation destination)
    {
        double speed = (speedsKmh ?? DefaultSpeedsKmh)[type];
        return TimeSpan.FromHours(DistanceKm(origin, destination) * detourFactor / speed);
    }

    /// <summary>Great-circle (haversine) distance.</summary>
    public static double DistanceKm(GeoLocation a, GeoLocation b)
    {
        double dLat = Radians(b.Latitude - a.Latitude);
        double dLon = Radians(b.Longitude - a.Longitude);
        double h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(a.Latitude)) * Math.Cos(Radians(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}

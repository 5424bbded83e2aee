using Vigil.Domain.Cameras;

namespace Vigil.Domain.Dispatch;

/// <summary>How long a unit of a type needs from one place to another.</summary>
public interface ITravelTimeEstimator
{
    TimeSpan Estimate(UnitType type, GeoLocation origin, GeoLocation destination);
}

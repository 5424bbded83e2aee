using Vigil.Domain.Cameras;

namespace Vigil.Domain.Dispatch;

/// <summary>A response unit as configured: what it is, where it is based.</summary>
public sealed record Unit
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required UnitType Type { get; init; }

    /// <summary>The station it returns to.</summary>
    public required string Station { get; init; }

    /// <summary>Where the station is (its position until the unit reports another).</summary>
    public required GeoLocation Home { get; init; }
}

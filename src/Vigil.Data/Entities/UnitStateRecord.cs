using Vigil.Domain.Dispatch;

namespace Vigil.Data.Entities;

/// <summary>A unit's live state: status, the incident it serves, where it is. Versioned: two dispatchers cannot both take it.</summary>
public sealed class UnitStateRecord
{
    public required string UnitId { get; set; }

    public UnitStatus Status { get; set; }

    public string? IncidentId { get; set; }

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}

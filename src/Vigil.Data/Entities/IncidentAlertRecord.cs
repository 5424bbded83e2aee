namespace Vigil.Data.Entities;

/// <summary>An alert that is part of an incident (its snapshot becomes evidence).</summary>
public sealed class IncidentAlertRecord
{
    public required string IncidentId { get; set; }

    public required string AlertId { get; set; }
}

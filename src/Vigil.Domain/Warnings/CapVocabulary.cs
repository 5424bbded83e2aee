using Vigil.Domain.Dispatch;

namespace Vigil.Domain.Warnings;

/// <summary>
/// The closed vocabularies of OASIS CAP 1.2 (values are case-sensitive, as the standard writes them)
/// and the category a Vigil incident type maps to.
/// </summary>
public static class CapVocabulary
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";

    public static IReadOnlyList<string> Statuses { get; } = ["Actual", "Exercise", "System", "Test", "Draft"];

    public static IReadOnlyList<string> MessageTypes { get; } = ["Alert", "Update", "Cancel", "Ack", "Error"];

    public static IReadOnlyList<string> Scopes { get; } = ["Public", "Restricted", "Private"];

    public static IReadOnlyList<string> Categories { get; } = ["Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"];

    public static IReadOnlyList<string> ResponseTypes { get; } = ["Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None"];

    public static IReadOnlyList<string> Urgencies { get; } = ["Immediate", "Expected", "Future", "Past", "Unknown"];

    public static IReadOnlyList<string> Severities { get; } = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"];

    public static IReadOnlyList<string> Certainties { get; } = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"];

    /// <summary>The CAP category of an incident type (a flood is meteorological in CAP's terms).</summary>
    public static string CategoryOf(IncidentType type) => type switch
    {
        IncidentType.Fire => "Fire",
        IncidentType.Medical => "Health",
        IncidentType.TrafficCollision => "Transport",
        IncidentType.CrowdSafety => "Safety",
        IncidentType.Flood => "Met",
        IncidentType.HazardousMaterial => "CBRNE",
        IncidentType.PublicDisorder or IncidentType.Intrusion => "Security",
        _ => "Other",
    };
}

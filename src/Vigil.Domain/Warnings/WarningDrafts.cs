using System.Globalization;
using Vigil.Domain.Dispatch;
using Vigil.Domain.Sensors;

namespace Vigil.Domain.Warnings;

/// <summary>
/// The first draft of a public warning. A flood measured by a river gauge starts from the gauge's stage,
/// with the CAP values the US weather service's flood categories suggest (action: be alert; minor:
/// prepare; moderate: leave low-lying areas; major: evacuate), Observed (a gauge measured it) and an
/// area around the station that grows with the stage; anything else starts from the incident's type,
/// summary and place. A draft is never published as is: the form shows it for a supervisor to edit.
/// </summary>
public static class WarningDrafts
{
    public static WarningDraft For(IncidentType type, string summary, string? location, SensorSituation? sensor)
    {
        if (type == IncidentType.Flood && sensor is { Kind: SensorKind.RiverLevel or SensorKind.RiverFlow } gauge)
        {
            return Flood(gauge);
        }

        string name = IncidentTypeNames.NameOf(type).Replace('_', ' ');
        return new WarningDraft(
            char.ToUpperInvariant(name[0]) + name[1..],
            "Expected",
            "Moderate",
            sensor is null ? "Likely" : "Observed",
            "Monitor",
            null,
            summary,
            null,
            location,
            1);
    }

    private static WarningDraft Flood(SensorSituation gauge)
    {
        (string urgency, string severity, string response, double radius, string what, string instruction) = gauge.Stage switch
        {
            "major" => ("Immediate", "Extreme", "Evacuate", 5.0, "major flooding",
                "Leave the areas near the river now and go to higher ground or a shelter. Do not walk or drive through flood water."),
            "moderate" => ("Immediate", "Severe", "Evacuate", 3.0, "moderate flooding",
                "Leave low-lying areas and the river banks now. Do not walk or drive through flood water; follow official instructions."),
            "minor" => ("Expected", "Moderate", "Prepare", 2.0, "minor flooding",
                "Keep away from the river banks. Move vehicles and belongings from low-lying areas and be ready to leave."),
            _ => ("Expected", "Minor", "Monitor", 1.0, "the river rising",
                "Keep away from the river banks and follow official updates."),
        };
        string reading = gauge.Value is { } v ? string.Create(CultureInfo.InvariantCulture, $" ({v:0.##} {gauge.Unit})") : "";
        string stage = gauge.Stage is { } s ? $"{s} stage" : "rising";
        return new WarningDraft(
            "Flood",
            urgency,
            severity,
            "Observed",
            response,
            $"Flood warning: {gauge.SensorName} at {stage}",
            $"The river gauge {gauge.SensorName} measures {what}{reading}. Water may rise further near the river.",
            instruction,
            string.Create(CultureInfo.InvariantCulture, $"Within {radius:0.#} km of the gauge {gauge.SensorName}"),
            radius);
    }
}

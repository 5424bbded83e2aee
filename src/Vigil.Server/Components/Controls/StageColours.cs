using Vigil.Domain.Rules;

namespace Vigil.Server.Components.Controls;

/// <summary>
/// The colour of a sensor's stage, the same on the Sensors page and the map: the US weather service's
/// hydrograph colours for the river stages (action yellow, minor orange, moderate red, major purple),
/// by severity for other kinds' thresholds; a muted grey-blue below every stage, grey when silent.
/// </summary>
internal static class StageColours
{
    public const string Normal = "#8fb3a0";
    public const string Silent = "#6b7682";

    public static string Of(string? stage, Severity? severity) => stage switch
    {
        null => Normal,
        "action" => "#f2e14c",
        "minor" => "#ff9f43",
        "moderate" => "#ff5c57",
        "major" => "#c77dff",
        _ => severity switch
        {
            Severity.Critical => "#ff5c57",
            Severity.Warning => "#ff9f43",
            _ => "#f2e14c",
        },
    };
}

namespace Vigil.Domain.Warnings;

/// <summary>What the public-warning form starts with for an incident; the supervisor reviews and edits every field before publishing.</summary>
public sealed record WarningDraft(
    string Event,
    string Urgency,
    string Severity,
    string Certainty,
    string Response,
    string? Headline,
    string? Description,
    string? Instruction,
    string? Area,
    double RadiusKm);

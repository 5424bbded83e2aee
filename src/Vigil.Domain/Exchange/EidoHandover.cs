using Vigil.Domain.Cameras;
using Vigil.Domain.Dispatch;

namespace Vigil.Domain.Exchange;

/// <summary>
/// What a neighbouring agency's EIDO says about its incident, in Vigil's terms: which incident
/// (the document's <c>$id</c>) from which agency, as of when; its type, priority and status in the
/// sender's words; where; the notes and the sender's units. What it said about people — callers,
/// call-backs, calls, agents — is only counted (<see cref="Withheld"/>), never carried further.
/// </summary>
public sealed record EidoHandover
{
    public required string DocumentId { get; init; }

    public required string AgencyId { get; init; }

    public required string AgencyName { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required IncidentType Type { get; init; }

    /// <summary>The sender's registry text for the type, or null when the document has no incident component.</summary>
    public string? TypeText { get; init; }

    public required int Priority { get; init; }

    public IReadOnlyList<string> Statuses { get; init; } = [];

    public GeoLocation? Position { get; init; }

    public required string Location { get; init; }

    public IReadOnlyList<EidoNote> Notes { get; init; } = [];

    /// <summary>The sender's units on it, in words (name, type, status).</summary>
    public IReadOnlyList<string> Units { get; init; } = [];

    /// <summary>How many person, call, call-back and agent components the document held (not stored).</summary>
    public int Withheld { get; init; }
}

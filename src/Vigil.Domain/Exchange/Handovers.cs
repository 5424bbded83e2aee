using Vigil.Domain.Dispatch;

namespace Vigil.Domain.Exchange;

/// <summary>
/// What an incident handed over by another agency becomes here. The first document of an incident
/// opens it (new, for this centre to respond to), with a line saying who sent it and the sender's
/// notes; a later document of the same incident (same agency, same <c>$id</c>) updates type,
/// priority and place and adds only the notes not seen yet; a document no newer than the last one
/// changes nothing, so importing the same document twice is harmless.
/// </summary>
public static class Handovers
{
    /// <summary>The longest place description an incident keeps.</summary>
    public const int MaxLocation = 200;

    public static Incident Open(EidoHandover handover, string id, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(handover);
        Incident opened = Incident.Open(
            id,
            handover.Type,
            handover.Priority,
            handover.Position,
            Clip(handover.Location, MaxLocation),
            Clip(Summary(handover), IncidentEvent.MaxText),
            hasCallerCallback: false,
            alertIds: [],
            by,
            at);
        opened = opened with { Source = new IncidentSource(handover.AgencyId, handover.AgencyName, handover.DocumentId, handover.UpdatedAt) };
        return opened.With([Line(handover, "handed over", by, at), .. Notes(handover, opened)]);
    }

    /// <summary>The incident after a newer document of it, or null when the document is not newer than the last one.</summary>
    public static Incident? Update(Incident incident, EidoHandover handover, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(handover);
        if (incident.Source is not { } source || handover.UpdatedAt <= source.UpdatedAt)
        {
            return null;
        }

        Incident updated = incident with
        {
            Type = handover.Type,
            Priority = handover.Priority,
            Position = handover.Position ?? incident.Position,
            Location = handover.Location.Length > 0 ? Clip(handover.Location, MaxLocation) : incident.Location,
            Source = source with { AgencyName = handover.AgencyName, UpdatedAt = handover.UpdatedAt },
        };
        return updated.With([Line(handover, "updated", by, at), .. Notes(handover, incident)]);
    }

    private static string Summary(EidoHandover h) =>
        $"Handed over by {h.AgencyName}{(h.TypeText is { } type ? $": {type}" : " (no incident type given)")}{(h.Notes.Count > 0 ? $"; {h.Notes[0].Text}" : "")}";

    private static IncidentEvent Line(EidoHandover h, string what, string by, DateTimeOffset at)
    {
        var parts = new List<string> { $"{what} by {h.AgencyName} ({h.AgencyId}) as NENA EIDO {h.DocumentId}" };
        if (h.Statuses.Count > 0)
        {
            parts.Add($"their status: {string.Join(", ", h.Statuses)}");
        }

        if (h.Units.Count > 0)
        {
            parts.Add($"their units: {string.Join(", ", h.Units)}");
        }

        if (h.Position is null)
        {
            parts.Add("no map position given");
        }

        if (h.Withheld > 0)
        {
            parts.Add($"{h.Withheld} component(s) about callers, calls and staff not kept");
        }

        return IncidentEvent.Line(at, by, IncidentEvent.Imported, string.Join("; ", parts));
    }

    private static IEnumerable<IncidentEvent> Notes(EidoHandover h, Incident known)
    {
        HashSet<string> seen = known.Timeline.Where(e => e.SourceNoteId is not null).Select(e => e.SourceNoteId!).ToHashSet(StringComparer.Ordinal);
        return h.Notes.Where(n => !seen.Contains(n.Id)).Select(n => IncidentEvent.Line(n.At, $"agency:{h.AgencyId}", IncidentEvent.AgencyNote, n.Text, n.Id));
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}

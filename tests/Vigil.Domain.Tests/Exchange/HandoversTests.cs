using Vigil.Domain.Cameras;
using Vigil.Domain.Dispatch;
using Vigil.Domain.Exchange;

namespace Vigil.Domain.Tests.Exchange;

/// <summary>An incident handed over, then updated by the same agency: what changes, what is added, what is ignored.</summary>
public sealed class HandoversTests
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static EidoHandover Handover(DateTimeOffset updated, params EidoNote[] notes) => new()
    {
        DocumentId = "urn:emergency:uid:incidentid:abc:norte.example.ec",
        AgencyId = "norte.example.ec",
        AgencyName = "Centro Norte",
        UpdatedAt = updated,
        Type = IncidentType.Fire,
        TypeText = "Fire",
        Priority = 1,
        Statuses = ["Dispatched"],
        Position = new GeoLocation(-0.1, -78.4),
        Location = "Mercado Norte",
        Notes = notes,
        Units = ["Engine 7 (Engine, Enroute)"],
    };

    [Fact]
    public void TheFirstDocument_OpensANewIncident_WithTheSendersLinesAndNotes()
    {
        Incident opened = Handovers.Open(Handover(s_at, new EidoNote("n1", s_at.AddMinutes(-5), "Smoke from the roof")), "id1", "maria", s_at.AddMinutes(1));

        Assert.Equal(IncidentStatus.New, opened.Status);
        Assert.Equal(new IncidentSource("norte.example.ec", "Centro Norte", "urn:emergency:uid:incidentid:abc:norte.example.ec", s_at), opened.Source);
        Assert.Equal("Handed over by Centro Norte: Fire; Smoke from the roof", opened.Summary);
        Assert.Equal(["created", "imported", "agency-note"], opened.Timeline.Select(e => e.Kind));
        Assert.Equal("agency:norte.example.ec", opened.Timeline[^1].Actor);
        Assert.Contains("their units: Engine 7 (Engine, Enroute)", opened.Timeline[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewerDocument_UpdatesInPlace_AndAddsOnlyNewNotes()
    {
        Incident opened = Handovers.Open(Handover(s_at, new EidoNote("n1", s_at, "Smoke from the roof")), "id1", "maria", s_at);

        Incident updated = Handovers.Update(opened, Handover(s_at.AddMinutes(3), new EidoNote("n1", s_at, "Smoke from the roof"), new EidoNote("n2", s_at.AddMinutes(2), "Flames visible")) with { Priority = 2, Position = null }, "maria", s_at.AddMinutes(4))!;

        Assert.Equal(2, updated.Priority);
        Assert.Equal(new GeoLocation(-0.1, -78.4), updated.Position);
        Assert.Equal(s_at.AddMinutes(3), updated.Source!.UpdatedAt);
        Assert.Equal(["Smoke from the roof", "Flames visible"], updated.Timeline.Where(e => e.Kind == "agency-note").Select(e => e.Text));
    }

    [Fact]
    public void ADocumentNoNewerThanTheLast_ChangesNothing()
    {
        Incident opened = Handovers.Open(Handover(s_at), "id1", "maria", s_at);

        Assert.Null(Handovers.Update(opened, Handover(s_at), "maria", s_at.AddMinutes(1)));
        Assert.Null(Handovers.Update(opened, Handover(s_at.AddMinutes(-1)), "maria", s_at.AddMinutes(1)));
    }
}

using Vigil.Domain.Cameras;
using Vigil.Domain.Dispatch;
using Vigil.Domain.Exchange;

namespace Vigil.Domain.Tests.Exchange;

/// <summary>What Vigil takes from another centre's EIDO, and what it leaves.</summary>
public sealed class EidoReaderTests
{
    [Fact]
    public void ACallTransfer_WithoutIncidentComponent_BecomesAnOtherIncidentAtItsCivicAddress()
    {
        EidoHandover handover = EidoReader.Read(EidoDocuments.CallTransfer());

        Assert.Equal("urn:emergency:uid:incidentid:7f3c21a9e04:norte.example.ec", handover.DocumentId);
        Assert.Equal("norte.example.ec", handover.AgencyId);
        Assert.Equal("norte.example.ec", handover.AgencyName);
        Assert.Equal(IncidentType.Other, handover.Type);
        Assert.Null(handover.TypeText);
        Assert.Equal(2, handover.Priority);
        Assert.Null(handover.Position);
        Assert.Equal("1240 Avenida de los Shyris, Quito, Pichincha, EC", handover.Location);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 12, 41, 250, TimeSpan.Zero), handover.UpdatedAt);
    }

    [Fact]
    public void TheCaller_TheCallAndTheAgent_AreCountedNotCarried()
    {
        EidoHandover handover = EidoReader.Read(EidoDocuments.CallTransfer());

        Assert.Equal(4, handover.Withheld);
        string everything = string.Join(' ', new[] { handover.Location, handover.AgencyName }.Concat(handover.Notes.Select(n => n.Text)).Concat(handover.Units));
        Assert.DoesNotContain("593991234567", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("ct17", everything, StringComparison.Ordinal);
    }

    [Fact]
    public void OurOwnExport_ReadsBackAsTheSameIncident()
    {
        EidoHandover handover = EidoReader.Read(EidoDocuments.Export());

        Assert.Equal("ecu911.example.ec", handover.AgencyId);
        Assert.Equal("Centro ECU 911 Quito", handover.AgencyName);
        Assert.Equal(IncidentType.Medical, handover.Type);
        Assert.Equal("Medical", handover.TypeText);
        Assert.Equal(1, handover.Priority);
        Assert.Equal(["Dispatched"], handover.Statuses);
        Assert.Equal(new GeoLocation(-0.2067, -78.4987), handover.Position);
        Assert.Equal("Parque El Ejido, north gate", handover.Location);
        Assert.Equal(["created: medical, P1: Man collapsed <near> the fountain", "note: Patient conscious & breathing", "dispatched: Ambulance 1 (amb-1)"], handover.Notes.Select(n => n.Text));
        Assert.Equal(["Ambulance 1 (Ambulance, Dispatched)"], handover.Units);
        Assert.Equal(0, handover.Withheld);
    }

    [Theory]
    [InlineData("Traffic Collision", IncidentType.TrafficCollision)]
    [InlineData("traffic_collision", IncidentType.TrafficCollision)]
    [InlineData("HAZARDOUS MATERIALS", IncidentType.HazardousMaterial)]
    [InlineData("Volcanic Ash", IncidentType.Other)]
    public void RegistryTypes_MapToOurTaxonomy(string text, IncidentType expected)
    {
        var document = EidoDocuments.Export();
        document["incidentComponent"]!["incidentTypeCommonRegistryText"] = text;

        EidoHandover handover = EidoReader.Read(document);

        Assert.Equal(expected, handover.Type);
        Assert.Equal(text, handover.TypeText);
    }

    [Fact]
    public void NoteMarkup_IsDroppedAndEntitiesDecoded() =>
        Assert.Equal("Smoke from 2nd floor & roof", EidoReader.Plain("<p>Smoke from <b>2nd</b> floor\n&amp; roof</p>"));
}

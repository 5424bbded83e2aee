using System.Text.Json.Nodes;
using Vigil.Domain.Cameras;
using Vigil.Domain.Exchange;

namespace Vigil.Domain.Tests.Exchange;

/// <summary>What a neighbouring centre receives when we hand an incident over.</summary>
public sealed class EidoWriterTests
{
    [Fact]
    public void TheIncident_TravelsInRegistryWords_WithOurWordsBeside()
    {
        JsonObject document = EidoDocuments.Export();
        JsonObject incident = document["incidentComponent"]!.AsObject();

        Assert.Equal("urn:emergency:uid:incidentid:0193a1b2c3d47e5f8a9b0c1d2e3f4a5b:ecu911.example.ec", document["$id"]!.GetValue<string>());
        Assert.Equal("1.0", document["eidoVersion"]!.GetValue<string>());
        Assert.Equal("Medical", incident["incidentTypeCommonRegistryText"]!.GetValue<string>());
        Assert.Equal("Dispatched", incident["incidentStatusCommonRegistryText"]![0]!.GetValue<string>());
        Assert.Equal(1, incident["incidentCommonPriorityNumber"]!.GetValue<int>());
        JsonObject resource = document["emergencyResourceComponent"]![0]!.AsObject();
        Assert.Equal("Ambulance", resource["emergencyResourceTypeCommonRegistryText"]!.GetValue<string>());
        Assert.Equal("Dispatched", resource["primaryUnitStatusRegistryText"]!.GetValue<string>());
        Assert.Equal("Ambulance 1", resource["emergencyResourceName"]!.GetValue<string>());
        Assert.Equal(document["$id"]!.GetValue<string>(), resource["activeOnIncidentId"]!.GetValue<string>());
        Assert.Equal("2026-11-30T14:00:50-05:00", document["dispatchComponent"]![0]!["lastUpdateTimeStamp"]!.GetValue<string>());
    }

    [Fact]
    public void ThePosition_IsAPidfLoPoint_ThatReadsBack()
    {
        string pidf = EidoDocuments.Export()["locationComponent"]![0]!["locationByValue"]!.GetValue<string>();

        (GeoLocation? position, _) = PidfLo.Read(pidf)!.Value;

        Assert.Equal(new GeoLocation(-0.2067, -78.4987), position);
    }

    [Fact]
    public void NotesAreHtml5_SoTheirTextCannotBecomeMarkup()
    {
        string[] notes = EidoDocuments.Export()["notesComponent"]!.AsArray().Select(n => n!["notesActionComments"]!.GetValue<string>()).ToArray();

        Assert.Contains("created: medical, P1: Man collapsed &lt;near&gt; the fountain", notes);
        Assert.Contains("note: Patient conscious &amp; breathing", notes);
    }

    [Fact]
    public void NoCallerAndNoStaff_LeaveTheCentre()
    {
        JsonObject document = EidoDocuments.Export();
        string text = document.ToJsonString();

        foreach (string component in new[] { "personComponent", "callComponent", "callbackComponent", "agentComponent" })
        {
            Assert.False(document.ContainsKey(component), component);
        }

        Assert.DoesNotContain("maria.dispatcher", text, StringComparison.Ordinal);
        Assert.Empty(document["emergencyResourceComponent"]![0]!["agentReference"]!.AsArray());
    }

    [Fact]
    public void AnIncidentKnownOnlyByAddress_IsStillAValidDocument()
    {
        JsonObject document = EidoWriter.Write(EidoDocuments.Incident() with { Position = null }, [], EidoDocuments.Agency, EidoDocuments.Received);

        Assert.Empty(EidoValidator.Validate(document));
        Assert.False(document["locationComponent"]![0]!.AsObject().ContainsKey("locationByValue"));
        Assert.False(document.ContainsKey("dispatchComponent") && document["dispatchComponent"]![0]!["emergencyResourceReference"]!.AsArray().Count > 0);
    }
}

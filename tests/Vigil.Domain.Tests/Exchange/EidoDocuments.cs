using System.Text.Json.Nodes;
using Vigil.Domain.Cameras;
using Vigil.Domain.Dispatch;
using Vigil.Domain.Exchange;

namespace Vigil.Domain.Tests.Exchange;

/// <summary>The documents the EIDO tests start from: the call transfer shaped like NENA's sample, and one of Vigil's own exports.</summary>
internal static class EidoDocuments
{
    public static readonly DateTimeOffset Received = new(2026, 11, 30, 14, 0, 0, TimeSpan.FromHours(-5));

    public static readonly EidoAgency Agency = new("ecu911.example.ec", "Centro ECU 911 Quito");

    public static JsonObject CallTransfer() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "Shared", "Exchange", "call-transfer.eido.json")))!.AsObject();

    public static Incident Incident(GeoLocation? position = null) => new()
    {
        Id = "0193a1b2c3d47e5f8a9b0c1d2e3f4a5b",
        Type = IncidentType.Medical,
        Priority = 1,
        Status = IncidentStatus.Dispatched,
        Position = position ?? new GeoLocation(-0.2067, -78.4987),
        Location = "Parque El Ejido, north gate",
        Summary = "Man collapsed <near> the fountain",
        HasCallerCallback = true,
        CreatedBy = "maria.dispatcher",
        ReceivedAt = Received,
        DispatchedAt = Received.AddSeconds(50),
        FirstUnitType = UnitType.Ambulance,
        UnitIds = ["amb-1"],
        Timeline =
        [
            new IncidentEvent(Received, "maria.dispatcher", "created", "medical, P1: Man collapsed <near> the fountain"),
            new IncidentEvent(Received.AddSeconds(30), "maria.dispatcher", "note", "Patient conscious & breathing"),
            new IncidentEvent(Received.AddSeconds(50), "maria.dispatcher", "dispatched", "Ambulance 1 (amb-1)"),
        ],
        Version = 3,
    };

    public static UnitState Ambulance() => new(
        new Unit { Id = "amb-1", Name = "Ambulance 1", Type = UnitType.Ambulance, Station = "Centro", Home = new GeoLocation(-0.21, -78.5) },
        UnitStatus.Dispatched,
        "0193a1b2c3d47e5f8a9b0c1d2e3f4a5b",
        new GeoLocation(-0.21, -78.5),
        Received.AddSeconds(50),
        2);

    public static JsonObject Export() => EidoWriter.Write(Incident(), [Ambulance()], Agency, Received.AddMinutes(5));
}

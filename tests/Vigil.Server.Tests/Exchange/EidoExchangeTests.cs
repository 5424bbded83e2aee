using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Domain.Exchange;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Exchange;

/// <summary>
/// Incidents handed to and taken from neighbouring agencies as NENA EIDO, on the demo's
/// configuration: every export passes the schema check written from NENA-STA-021.1b; imports open
/// or update one incident per document and store nothing when the document is refused.
/// </summary>
public sealed class EidoExchangeTests() : HostedServerTest(settings: new Dictionary<string, string> { ["Vigil:AgencyId"] = Agency, ["Vigil:CapSenderName"] = "Centro Quito" })
{
    private const string Agency = "quito.example.ec";

    private static string CallTransfer => File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "Shared", "Exchange", "call-transfer.eido.json"));

    [Fact]
    public async Task IncidentsFromAnAlertAndFromACall_WithUnitsNotesAndAWarning_ExportWithNoSchemaError()
    {
        HttpClient supervisor = await Factory.ClientWithRolesAsync(Roles.Supervisor);
        var alert = TestAlerts.New(camera: "campus-path");
        await Factory.SeedAsync(alert);
        string fromAlert = await CreateAsync(supervisor, new { type = "crowd_safety", priority = 2, summary = "People on the lower lawn", alertIds = new[] { alert.Id } });
        string fromCall = await CreateAsync(supervisor, new { type = "medical", priority = 1, summary = "Man collapsed <by> the fountain", location = "Parque El Ejido", latitude = -0.2067, longitude = -78.4987, callerCallback = "+593 99 123 4567" });
        Assert.True((await supervisor.PostAsJsonAsync($"/api/incidents/{fromCall}/notes", new { text = "Patient conscious & breathing" })).IsSuccessStatusCode);
        Assert.True((await supervisor.PostAsJsonAsync($"/api/incidents/{fromCall}/dispatch", new { unitId = "amb-1" })).IsSuccessStatusCode);
        Assert.True((await supervisor.PostAsJsonAsync("/api/units/amb-1/status", new { status = "en_route" })).IsSuccessStatusCode);
        Assert.True((await supervisor.PostAsJsonAsync($"/api/incidents/{fromAlert}/dispatch", new { unitId = "police-1" })).IsSuccessStatusCode);
        Assert.True((await supervisor.PostAsJsonAsync($"/api/incidents/{fromAlert}/warnings", new { @event = "Crowd crush risk", urgency = "Immediate", severity = "Moderate", certainty = "Observed", headline = "Crowd on the lower lawn", description = "Keep away from the lower lawn." })).IsSuccessStatusCode);

        foreach (string id in new[] { fromAlert, fromCall })
        {
            JsonObject document = await ExportAsync(supervisor, id);

            Assert.Empty(EidoValidator.Validate(document).Select(p => $"{p.Path}: {p.Message}"));
            Assert.Equal($"urn:emergency:uid:incidentid:{id}:{Agency}", document["$id"]!.GetValue<string>());
            Assert.Equal("Dispatched", document["incidentComponent"]!["incidentStatusCommonRegistryText"]![0]!.GetValue<string>());
            Assert.Single(document["emergencyResourceComponent"]!.AsArray());
        }

        JsonObject call = await ExportAsync(supervisor, fromCall);
        string text = call.ToJsonString();
        Assert.DoesNotContain("123 4567", text, StringComparison.Ordinal);
        Assert.Equal("Enroute", call["emergencyResourceComponent"]![0]!["primaryUnitStatusRegistryText"]!.GetValue<string>());
        Assert.Contains(call["notesComponent"]!.AsArray(), n => n!["notesActionComments"]!.GetValue<string>() == "note: Patient conscious &amp; breathing");
        await using VigilDbContext db = Factory.OpenDatabase();
        Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.Action == "export-eido"));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.ClientWithRolesAsync(Roles.Operator)).PostAsync($"/api/incidents/{fromCall}/eido", null)).StatusCode);
    }

    [Fact]
    public async Task ACallTransferShapedLikeNenasSample_OpensAnIncident_WithoutKeepingTheCaller()
    {
        HttpClient dispatcher = await Factory.ClientWithRolesAsync(Roles.Dispatcher);

        HttpResponseMessage imported = await ImportAsync(dispatcher, CallTransfer);

        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        JsonElement incident = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/incidents/{incident.GetProperty("id").GetString()}", imported.Headers.Location!.OriginalString);
        Assert.Equal("other", incident.GetProperty("type").GetString());
        Assert.Equal("new", incident.GetProperty("status").GetString());
        Assert.Equal("norte.example.ec", incident.GetProperty("sourceAgency").GetString());
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("latitude").ValueKind);
        Assert.Equal("1240 Avenida de los Shyris, Quito, Pichincha, EC", incident.GetProperty("location").GetString());
        Assert.False(incident.GetProperty("hasCallerCallback").GetBoolean());
        string timeline = incident.GetProperty("timeline").GetRawText();
        Assert.Contains("4 component(s) about callers, calls and staff not kept", timeline, StringComparison.Ordinal);
        Assert.Contains("no map position given", timeline, StringComparison.Ordinal);

        await using VigilDbContext db = Factory.OpenDatabase();
        string stored = string.Join(' ', await db.IncidentEvents.Select(e => e.Text).ToListAsync()) + string.Join(' ', await db.Incidents.Select(i => i.Summary + i.Location + i.CallerCallback).ToListAsync());
        Assert.DoesNotContain("593991234567", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("ct17", stored, StringComparison.Ordinal);
        Assert.EndsWith(": created", (await db.AuditEntries.SingleAsync(e => e.Action == "import-eido")).Detail, StringComparison.Ordinal);

        // Without a position it is listed, cannot be ranked by travel time, and a warning says why it cannot be drawn.
        string id = incident.GetProperty("id").GetString()!;
        HttpResponseMessage ranked = await dispatcher.GetAsync($"/api/incidents/{id}/recommendations");
        Assert.Equal(HttpStatusCode.Conflict, ranked.StatusCode);
        Assert.Contains("address only", await ranked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains((await dispatcher.GetFromJsonAsync<JsonElement[]>("/api/incidents"))!, i => i.GetProperty("id").GetString() == id);
        Assert.True((await dispatcher.PostAsJsonAsync($"/api/incidents/{id}/dispatch", new { unitId = "amb-2" })).IsSuccessStatusCode);
        Assert.Empty(EidoValidator.Validate(await ExportAsync(dispatcher, id)));

        string transparency = await Factory.CreateClient().GetStringAsync("/transparency");
        Assert.Contains("Incidents imported from other agencies", transparency, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OurExport_ImportedByANeighbour_IsTheSameIncident_AndTheSameDocumentTwiceUpdatesInsteadOfDuplicating()
    {
        HttpClient here = await Factory.ClientWithRolesAsync(Roles.Supervisor);
        string id = await CreateAsync(here, new { type = "traffic_collision", priority = 1, summary = "Two cars, one on its roof", location = "Av. 10 de Agosto y Colón", latitude = -0.2012, longitude = -78.4951 });
        Assert.True((await here.PostAsJsonAsync($"/api/incidents/{id}/notes", new { text = "Fuel on the road" })).IsSuccessStatusCode);
        Assert.True((await here.PostAsJsonAsync($"/api/incidents/{id}/dispatch", new { unitId = "fire-1" })).IsSuccessStatusCode);
        string first = (await ExportAsync(here, id)).ToJsonString();

        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var neighbour = new VigilFactory(database, settings: new Dictionary<string, string> { ["Vigil:AgencyId"] = "norte.example.ec" });
        HttpClient there = await neighbour.ClientWithRolesAsync(Roles.Dispatcher);

        HttpResponseMessage created = await ImportAsync(there, first);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        JsonElement incident = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("traffic_collision", incident.GetProperty("type").GetString());
        Assert.Equal(1, incident.GetProperty("priority").GetInt32());
        Assert.Equal(-0.2012, incident.GetProperty("latitude").GetDouble(), 6);
        Assert.Equal(-78.4951, incident.GetProperty("longitude").GetDouble(), 6);
        Assert.Equal("Av. 10 de Agosto y Colón", incident.GetProperty("location").GetString());
        Assert.Equal("Centro Quito", incident.GetProperty("sourceAgency").GetString());
        string[] lines = incident.GetProperty("timeline").EnumerateArray().Select(l => l.GetProperty("text").GetString()!).ToArray();
        Assert.Contains("note: Fuel on the road", lines);
        Assert.Contains(lines, l => l.Contains("their units: Engine 1 (Engine, Dispatched)", StringComparison.Ordinal));

        // The same document again: the same incident, nothing added.
        HttpResponseMessage again = await ImportAsync(there, first);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        JsonElement same = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(incident.GetProperty("id").GetString(), same.GetProperty("id").GetString());
        Assert.Equal(lines.Length, same.GetProperty("timeline").GetArrayLength());

        // A newer document of it: updated in place, only the new note added.
        Assert.True((await here.PostAsJsonAsync($"/api/incidents/{id}/notes", new { text = "Road closed northbound" })).IsSuccessStatusCode);
        JsonObject newer = await ExportAsync(here, id);
        newer["lastUpdateTimeStamp"] = EidoWriter.Time(TimeProvider.System.GetUtcNow().AddMinutes(1));
        HttpResponseMessage updated = await ImportAsync(there, newer.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        string[] after = (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeline").EnumerateArray().Select(l => l.GetProperty("text").GetString()!).ToArray();
        Assert.Single(after, l => l == "note: Road closed northbound");
        Assert.Single(after, l => l == "note: Fuel on the road");

        await using VigilDbContext db = neighbour.OpenDatabase();
        Assert.Equal(1, await db.Incidents.CountAsync());
        Assert.Equal(["created", "unchanged (not newer than the last import)", "updated"], (await db.AuditEntries.Where(e => e.Action == "import-eido").OrderBy(e => e.Sequence).Select(e => e.Detail!).ToListAsync()).Select(d => d[(d.LastIndexOf(": ", StringComparison.Ordinal) + 2)..]));
    }

    [Fact]
    public async Task ADocumentThisCentreSent_IsNotImportedBack()
    {
        HttpClient dispatcher = await Factory.ClientWithRolesAsync(Roles.Dispatcher);
        string id = await CreateAsync(dispatcher, new { type = "fire", priority = 1, summary = "Smoke from a roof", latitude = -0.2, longitude = -78.5 });

        HttpResponseMessage refused = await ImportAsync(dispatcher, (await ExportAsync(dispatcher, id)).ToJsonString());

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        await using VigilDbContext db = Factory.OpenDatabase();
        Assert.Equal(1, await db.Incidents.CountAsync());
    }

    [Fact]
    public async Task MalformedJson_IsA400ThatSaysWhere_AndStoresNothing()
    {
        HttpResponseMessage refused = await ImportAsync(await Factory.ClientWithRolesAsync(Roles.Dispatcher), "{ \"$id\": \"x\", ");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        JsonElement problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("not a JSON document", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task ASchemaInvalidDocument_ListsEachBrokenPath_AndStoresNothing()
    {
        JsonObject document = JsonNode.Parse(CallTransfer)!.AsObject();
        document.Remove("eidoVersion");
        document["agencyComponent"]![0]!.AsObject().Remove("agencyType");
        document["callComponent"]![0]!["callStartTimestamp"] = "yesterday";

        HttpResponseMessage refused = await ImportAsync(await Factory.ClientWithRolesAsync(Roles.Supervisor), document.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        JsonElement problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        string[] paths = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["/agencyComponent/0/agencyType", "/callComponent/0/callStartTimestamp", "/eidoVersion"], paths);
        Assert.Contains("3 place(s)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task AnOversizedDocument_IsA413_AndStoresNothing()
    {
        JsonObject document = JsonNode.Parse(CallTransfer)!.AsObject();
        document["agencyComponent"]![0]!["agencyJcard"] = new string('x', EidoExchangeLimit + 1);

        HttpResponseMessage refused = await ImportAsync(await Factory.ClientWithRolesAsync(Roles.Dispatcher), document.ToJsonString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"at most {EidoExchangeLimit}", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task ADocumentLargerThanOtherRequests_ButWithinTheImportLimit_Imports()
    {
        JsonObject document = JsonNode.Parse(CallTransfer)!.AsObject();
        document["additionalDataComponent"]![0]!["additionalDataByValue"] = new string('x', 300_000);

        HttpResponseMessage imported = await ImportAsync(await Factory.ClientWithRolesAsync(Roles.Dispatcher), document.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
    }

    private const int EidoExchangeLimit = 1 << 20;

    private async Task AssertNothingStoredAsync()
    {
        await using VigilDbContext db = Factory.OpenDatabase();
        Assert.Equal(0, await db.Incidents.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Action == "import-eido"));
    }

    private static async Task<string> CreateAsync(HttpClient client, object request)
    {
        HttpResponseMessage created = await client.PostAsJsonAsync("/api/incidents", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonObject> ExportAsync(HttpClient client, string id)
    {
        HttpResponseMessage exported = await client.PostAsync($"/api/incidents/{id}/eido", null);
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        return JsonNode.Parse(await exported.Content.ReadAsStringAsync())!.AsObject();
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string json) =>
        client.PostAsync("/api/incidents/import", new StringContent(json, Encoding.UTF8, "application/json"));
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Warnings;

/// <summary>
/// Public warnings: a supervisor publishes, updates and cancels a CAP 1.2 warning about an incident;
/// anyone reads the feed; every message conforms to CAP 1.2; bad input is refused naming the field.
/// </summary>
public sealed class PublicWarningTests() : HostedServerTest
{
    private static readonly XNamespace s_atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace s_cap = CapConformance.Namespace;

    private static object Flood(string severity = "Severe") => new
    {
        @event = "Flash flood",
        urgency = "Expected",
        severity,
        certainty = "Likely",
        headline = "Flash flood expected along the river",
        description = "The river is rising fast after heavy rain upstream.",
        instruction = "Move to higher ground now; do not cross flooded streets.",
        responseType = "Evacuate",
        radiusKm = 2.5,
    };

    [Fact]
    public async Task AWarning_IsPublished_Updated_AndCancelled_AsConformingCap_OnThePublicFeed()
    {
        HttpClient supervisor = await Factory.ClientWithRolesAsync(Roles.Supervisor);
        HttpClient anyone = Factory.CreateClient();
        string incident = await CreateIncidentAsync(supervisor, "flood");

        HttpResponseMessage issued = await supervisor.PostAsJsonAsync($"/api/incidents/{incident}/warnings", Flood());
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        JsonElement first = await issued.Content.ReadFromJsonAsync<JsonElement>();
        string warningId = first.GetProperty("warningId").GetString()!;

        XElement alert = Assert.Single(await FeedAsync(anyone));
        Assert.Empty(CapConformance.Problems(alert));
        Assert.Equal("Alert", Cap(alert, "msgType"));
        Assert.Equal("Actual", Cap(alert, "status"));
        Assert.Equal("Public", Cap(alert, "scope"));
        Assert.Equal("Met", Cap(alert.Element(s_cap + "info")!, "category"));
        Assert.Equal($"vigil-incident-{incident}", Cap(alert, "incidents"));
        Assert.StartsWith("-0.2", alert.Descendants(s_cap + "circle").Single().Value, StringComparison.Ordinal);
        Assert.EndsWith(" 2.5", alert.Descendants(s_cap + "circle").Single().Value, StringComparison.Ordinal);

        // The document as published, anonymously, with the CAP media type.
        HttpResponseMessage document = await anyone.GetAsync(first.GetProperty("documentUrl").GetString());
        Assert.Equal("application/cap+xml", document.Content.Headers.ContentType!.MediaType);
        XElement published = XDocument.Parse(await document.Content.ReadAsStringAsync()).Root!;
        Assert.Empty(CapConformance.Problems(published));
        Assert.Equal(Cap(alert, "identifier"), Cap(published, "identifier"));
        string alertReference = $"{Cap(alert, "sender")},{Cap(alert, "identifier")},{Cap(alert, "sent")}";

        // An update replaces it on the feed and refers to the alert.
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsJsonAsync($"/api/warnings/{warningId}/update", Flood("Extreme"))).StatusCode);
        XElement update = Assert.Single(await FeedAsync(anyone));
        Assert.Empty(CapConformance.Problems(update));
        Assert.Equal("Update", Cap(update, "msgType"));
        Assert.Equal(alertReference, Cap(update, "references"));
        Assert.Equal("Extreme", Cap(update.Element(s_cap + "info")!, "severity"));

        // A cancel refers to both and says why; a cancelled warning cannot be updated.
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsJsonAsync($"/api/warnings/{warningId}/cancel", new { reason = "The river has crested; the danger is over." })).StatusCode);
        XElement cancel = Assert.Single(await FeedAsync(anyone));
        Assert.Empty(CapConformance.Problems(cancel));
        Assert.Equal("Cancel", Cap(cancel, "msgType"));
        Assert.Equal("The river has crested; the danger is over.", Cap(cancel, "note"));
        string[] references = Cap(cancel, "references").Split(' ');
        Assert.Equal(2, references.Length);
        Assert.Equal(alertReference, references[0]);
        HttpResponseMessage late = await supervisor.PostAsJsonAsync($"/api/warnings/{warningId}/update", Flood());
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("cancelled", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        JsonElement[] messages = (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{incident}/warnings"))!;
        Assert.Equal(["Alert", "Update", "Cancel"], messages.Select(m => m.GetProperty("messageType").GetString()));
        Assert.Equal([1, 2, 3], messages.Select(m => m.GetProperty("number").GetInt32()));
    }

    [Theory]
    [InlineData("urgency", "Soon")]
    [InlineData("severity", "severe")]
    [InlineData("certainty", "")]
    [InlineData("responseType", "Run")]
    [InlineData("headline", "")]
    [InlineData("event", null)]
    public async Task AWarningOutsideCap_IsRefused_NamingTheField_AndNothingIsPublished(string field, string? value)
    {
        HttpClient supervisor = await Factory.ClientWithRolesAsync(Roles.Supervisor);
        string incident = await CreateIncidentAsync(supervisor, "flood");
        JsonObject body = JsonSerializer.SerializeToNode(Flood())!.AsObject();
        body[field] = value;

        HttpResponseMessage refused = await supervisor.PostAsJsonAsync($"/api/incidents/{incident}/warnings", body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        JsonElement problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await refused.Content.ReadAsStringAsync());
        Assert.Empty(await FeedAsync(Factory.CreateClient()));
    }

    [Fact]
    public async Task AnUnknownIncident_OrWarning_IsNotFound()
    {
        HttpClient supervisor = await Factory.ClientWithRolesAsync(Roles.Supervisor);

        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsJsonAsync($"/api/incidents/{new string('a', 32)}/warnings", Flood())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsJsonAsync($"/api/warnings/{new string('b', 32)}/cancel", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.CreateClient().GetAsync($"/cap/alerts/{new string('c', 32)}.xml")).StatusCode);
    }

    private static async Task<string> CreateIncidentAsync(HttpClient client, string type)
    {
        HttpResponseMessage created = await client.PostAsJsonAsync("/api/incidents", new { type, priority = 1, summary = "Test incident", location = "Riverside park", latitude = -0.2067, longitude = -78.4987 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<List<XElement>> FeedAsync(HttpClient client)
    {
        HttpResponseMessage feed = await client.GetAsync("/cap/alerts.xml");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType!.MediaType);
        XElement root = XDocument.Parse(await feed.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(s_atom + "feed", root.Name);
        return root.Elements(s_atom + "entry").Select(e => e.Element(s_atom + "content")!.Element(s_cap + "alert")!).ToList();
    }

    private static string Cap(XElement parent, string name) => parent.Element(s_cap + name)?.Value ?? throw new Xunit.Sdk.XunitException($"no {name}");
}

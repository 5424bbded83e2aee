using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Data;
using Vigil.Domain.Users;
using Vigil.Server.Auth;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Security;

/// <summary>Each way an admin could reach video or the audit log through account management is closed (ADR 014).</summary>
public sealed class DutySeparationApiTests() : HostedServerTest
{
    [Fact]
    public async Task Admin_CannotMintATokenForAPerson_SoCannotWatchAsThem()
    {
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);
        string supervisor = await CreateAsync(admin, "sup.one", Roles.Supervisor);

        HttpResponseMessage minted = await admin.PostAsJsonAsync($"/api/users/{supervisor}/tokens", new { name = "borrowed" });

        Assert.Equal(HttpStatusCode.Forbidden, minted.StatusCode);
        Assert.Contains("created by the user it acts as", await minted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>($"/api/users/{supervisor}/tokens")).EnumerateArray());
    }

    [Fact]
    public async Task Admin_MintsTokensForASensor_WhichCanDoNothingElse()
    {
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);
        HttpResponseMessage created = await admin.PostAsJsonAsync("/api/users", new { userName = "river-gauge-3", roles = new[] { Roles.Sensor } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        string sensor = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        HttpResponseMessage minted = await admin.PostAsJsonAsync($"/api/users/{sensor}/tokens", new { name = "gauge firmware" });

        Assert.Equal(HttpStatusCode.Created, minted.StatusCode);
        HttpClient gauge = Factory.CreateClient();
        gauge.DefaultRequestHeaders.Authorization = new("Bearer", (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await gauge.GetAsync("/api/cameras")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gauge.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gauge.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task Admin_CannotGiveThemselfRoles_NorHoldAnotherRole()
    {
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);
        string me = (await admin.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetString()!;

        HttpResponseMessage self = await admin.PutAsJsonAsync($"/api/users/{me}/roles", new { roles = new[] { Roles.Admin, Roles.Supervisor } });
        HttpResponseMessage selfAuditor = await admin.PutAsJsonAsync($"/api/users/{me}/roles", new { roles = new[] { Roles.Auditor } });
        HttpResponseMessage mixed = await admin.PostAsJsonAsync("/api/users", new { userName = "second.admin", password = "a-long-password-1", roles = new[] { Roles.Admin, Roles.Operator } });
        HttpResponseMessage auditorOperator = await admin.PostAsJsonAsync("/api/users", new { userName = "aud.op", password = "a-long-password-1", roles = new[] { Roles.Auditor, Roles.Operator } });

        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, selfAuditor.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, auditorOperator.StatusCode);
        Assert.Equal([Roles.Admin], (await admin.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task AStoredRowThatBreaksTheRules_GrantsOnlyTheAdminRole()
    {
        string token = await Factory.CreateTokenAsync(Roles.Admin, Roles.Supervisor, Roles.Auditor);
        HttpClient legacy = Factory.CreateClient();
        legacy.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await legacy.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await legacy.GetAsync("/api/cameras/campus-path/frame.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await legacy.GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task APerson_MakesTheirOwnTokens_FromASession_NeverFromAToken()
    {
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);
        await CreateAsync(admin, "olga.operator", Roles.Operator);
        HttpClient browser = await Factory.SignedInAsync("olga.operator", "a-long-password-1");

        HttpResponseMessage own = await browser.PostAsJsonAsync("/api/me/tokens", new { name = "wall display" });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        HttpClient byToken = Factory.CreateClient();
        byToken.DefaultRequestHeaders.Authorization = new("Bearer", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        HttpResponseMessage chained = await byToken.PostAsJsonAsync("/api/me/tokens", new { name = "forever" });

        Assert.Equal(HttpStatusCode.OK, (await byToken.GetAsync("/api/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, chained.StatusCode);
        Assert.Single((await browser.GetFromJsonAsync<JsonElement>("/api/me/tokens")).EnumerateArray());
    }

    [Fact]
    public async Task PasswordChange_RevokesThePersonsTokens()
    {
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);
        string id = await CreateAsync(admin, "dora.dispatch", Roles.Dispatcher);
        HttpClient browser = await Factory.SignedInAsync("dora.dispatch", "a-long-password-1");
        HttpClient integration = Factory.CreateClient();
        integration.DefaultRequestHeaders.Authorization = new("Bearer", (await (await browser.PostAsJsonAsync("/api/me/tokens", new { name = "cad link" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/units")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/users/{id}/password", new { password = "a-new-password-2" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.GetAsync("/api/units")).StatusCode);
        Assert.All((await admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}/tokens")).EnumerateArray(), t => Assert.NotEqual(JsonValueKind.Null, t.GetProperty("revokedAt").ValueKind));
    }

    [Theory]
    [InlineData("system")]
    [InlineData("Anonymous")]
    public async Task ReservedNames_AreRefused(string name)
    {
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);

        HttpResponseMessage created = await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "a-long-password-1", roles = new[] { Roles.Operator } });

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("reserved", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using VigilDbContext db = Factory.OpenDatabase();
        Assert.DoesNotContain(db.Users, u => u.NormalizedUserName == Users.Normalize(name));
    }

    private static async Task<string> CreateAsync(HttpClient admin, string name, string role)
    {
        HttpResponseMessage created = await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "a-long-password-1", roles = new[] { role } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}

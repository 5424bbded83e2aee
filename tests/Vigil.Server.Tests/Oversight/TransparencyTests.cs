using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Domain.Rules;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Oversight;

/// <summary>The public report: anyone can read it, it names no one, and its checkpoints verify with the key it publishes.</summary>
public sealed class TransparencyTests() : HostedServerTest(settings: new Dictionary<string, string> { ["Vigil:AuditCheckpointEvery"] = "2" })
{
    [Fact]
    public async Task Report_IsPublic_CountsUse_NamesNoOne_AndItsCheckpointsVerify()
    {
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        AlertRecord entry = TestAlerts.New();
        entry.OpenedAt = now;
        AlertRecord crossing = TestAlerts.New();
        crossing.OpenedAt = now;
        crossing.Kind = RuleKind.LineCrossing;
        await Factory.SeedAsync(entry, crossing);
        HttpClient dispatcher = await Factory.ClientWithRolesAsync(Roles.Dispatcher);
        HttpResponseMessage incident = await dispatcher.PostAsJsonAsync("/api/incidents", new { type = "flood", summary = "Water over the road", latitude = -0.21, longitude = -78.49 });
        Assert.Equal(HttpStatusCode.Created, incident.StatusCode);
        HttpClient anonymous = Factory.CreateClient();
        await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "admin", password = "wrong-password-1" });
        await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "mallory.secret", password = "wrong-password-2" });
        await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "admin", password = VigilFactory.AdminPassword });

        HttpResponseMessage json = await anonymous.GetAsync("/transparency.json");
        HttpResponseMessage page = await anonymous.GetAsync("/transparency");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        string text = await json.Content.ReadAsStringAsync();
        string html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("mallory", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"admin\"", text, StringComparison.Ordinal);
        using JsonDocument report = JsonDocument.Parse(text);
        JsonElement root = report.RootElement;
        JsonElement campus = root.GetProperty("cameras").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "campus-path");
        Assert.StartsWith("Pedestrian safety", campus.GetProperty("purpose").GetString(), StringComparison.Ordinal);
        Assert.Equal(72, campus.GetProperty("retentionHours").GetDouble());
        Assert.Contains("zone_entry", campus.GetProperty("analytics").EnumerateArray().Select(a => a.GetString()));
        JsonElement month = root.GetProperty("months")[0];
        Assert.Equal(now.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), month.GetProperty("month").GetString());
        Assert.Equal(1, month.GetProperty("alertsByKind").GetProperty("zone_entry").GetInt32());
        Assert.Equal(1, month.GetProperty("alertsByKind").GetProperty("line_crossing").GetInt32());
        Assert.Equal(2, month.GetProperty("failedSignIns").GetInt32());
        await using (Vigil.Data.VigilDbContext db = Factory.OpenDatabase())
        {
            // The unknown name someone typed is not kept anywhere, not even in the audit log.
            Assert.DoesNotContain(db.AuditEntries, e => (e.Actor + e.Detail).Contains("mallory", StringComparison.OrdinalIgnoreCase));
        }

        Assert.Equal(1, month.GetProperty("incidentsByType").GetProperty("flood").GetInt32());
        Assert.DoesNotContain("Water over the road", text, StringComparison.Ordinal);
        Assert.Contains("Pedestrian safety on the campus path", html, StringComparison.Ordinal);

        using ECDsa key = AuditSigner.PublicKeyFromPem(root.GetProperty("auditPublicKey").GetString()!);
        JsonElement[] checkpoints = [.. root.GetProperty("checkpoints").EnumerateArray()];
        Assert.NotEmpty(checkpoints);
        Assert.All(checkpoints, c => Assert.True(AuditSigner.IsValid(key, new AuditCheckpoint(
            c.GetProperty("sequence").GetInt64(), c.GetProperty("hash").GetString()!, c.GetProperty("at").GetDateTimeOffset(),
            c.GetProperty("keyId").GetString()!, c.GetProperty("signature").GetString()!))));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Oversight;

/// <summary>The auditor's API: the log paged newest first, filters, verification, and bad paging refused.</summary>
public sealed class AuditApiTests() : HostedServerTest
{
    [Fact]
    public async Task TheLog_PagesNewestFirst_Filters_AndVerifies()
    {
        HttpClient auditor = await Factory.ClientWithRolesAsync(Roles.Auditor);
        HttpClient browser = Factory.CreateClient();
        for (int i = 0; i < 3; i++)
        {
            await browser.PostAsJsonAsync("/auth/sign-in", new { userName = "admin", password = VigilFactory.AdminPassword });
        }

        JsonElement first = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?actor=admin&action=sign-in&limit=2");
        long[] sequences = first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToArray();
        Assert.Equal(2, sequences.Length);
        Assert.True(sequences[0] > sequences[1]);
        long next = first.GetProperty("next").GetInt64();
        JsonElement second = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit?actor=admin&action=sign-in&limit=2&before={next}");
        Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);

        JsonElement verification = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/verification");
        Assert.True(verification.GetProperty("isIntact").GetBoolean());
        Assert.True(verification.GetProperty("checked").GetInt64() >= 3);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("before=0", "before")]
    public async Task BadPaging_IsRefused_NamingTheParameter(string query, string field)
    {
        HttpClient auditor = await Factory.ClientWithRolesAsync(Roles.Auditor);

        HttpResponseMessage response = await auditor.GetAsync($"/api/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }
}

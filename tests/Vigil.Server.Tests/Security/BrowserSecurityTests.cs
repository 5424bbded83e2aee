using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Security;

/// <summary>Cross-site senders, non-JSON bodies, the CSP, problem details in our own words, and the return URL after sign-in.</summary>
public sealed class BrowserSecurityTests() : HostedServerTest
{
    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    public async Task StateChange_FromAnotherSite_IsRefused_EvenBodiless(string header, string value)
    {
        HttpClient supervisor = await Factory.ClientWithRolesAsync(Roles.Supervisor);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/alerts/0123456789abcdef0123456789abcdef/dismiss");
        request.Headers.Add(header, value);

        HttpResponseMessage response = await supervisor.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("another site", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateChange_FromThisOrigin_GoesThrough()
    {
        HttpClient supervisor = await Factory.ClientWithRolesAsync(Roles.Supervisor);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/alerts/0123456789abcdef0123456789abcdef/dismiss");
        request.Headers.Add("Origin", "http://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task PlainTextBody_IsRefused_AsNotJson()
    {
        HttpResponseMessage response = await Factory.CreateClient().PostAsync("/auth/sign-in", new StringContent("{\"userName\":\"admin\",\"password\":\"x\"}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.DoesNotContain("vigil.session", string.Join(';', response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_CarryAStrictContentSecurityPolicy_AndSignInHasNoInlineScript()
    {
        HttpResponseMessage page = await Factory.CreateClient().GetAsync("/sign-in");
        string policy = string.Join(';', page.Headers.GetValues("Content-Security-Policy"));
        string html = await page.Content.ReadAsStringAsync();

        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Factory.CreateClient().GetAsync("/sign-in.js")).StatusCode);
    }

    [Theory]
    [InlineData("/%5Clocalhost:9333/x")]
    [InlineData("/\\localhost:9333/x")]
    [InlineData("/\t/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/%09/evil.example")]
    public async Task SignIn_SendsTheBrowserHome_WhenTheReturnUrlLeavesThisServer(string returnUrl)
    {
        JsonElement signedIn = await SignInAsync(returnUrl);

        Assert.Equal("/", signedIn.GetProperty("next").GetString());
    }

    [Fact]
    public async Task SignIn_KeepsAReturnUrlOnThisServer() =>
        Assert.Equal("/incidents?open=1", (await SignInAsync("/incidents?open=1")).GetProperty("next").GetString());

    [Fact]
    public async Task MalformedBody_GetsOurOwnWords_NoTypeNames()
    {
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);

        HttpResponseMessage response = await admin.PostAsync("/api/users", new StringContent("{\"userName\": 5", Encoding.UTF8, "application/json"));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Vigil.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("parameter", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{\"type\":\"fire\",\"priority\":2,\"summary\":\"bad\\uFFFEtext\",\"location\":\"Main square\"}", "summary")]
    [InlineData("{\"type\":\"fire\",\"priority\":2,\"summary\":\"ok\",\"location\":\"lone \\ud800 half\"}", "location")]
    public async Task TextThatCannotTravel_IsRefused_NamingTheField(string body, string field)
    {
        HttpClient dispatcher = await Factory.ClientWithRolesAsync(Roles.Dispatcher);

        HttpResponseMessage response = await dispatcher.PostAsync("/api/incidents", new StringContent(body, Encoding.UTF8, "application/json"));
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(field + ":", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty((await dispatcher.GetFromJsonAsync<JsonElement>("/api/incidents?open=false")).EnumerateArray());
    }

    private async Task<JsonElement> SignInAsync(string returnUrl)
    {
        HttpClient browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        HttpResponseMessage response = await browser.PostAsJsonAsync("/auth/sign-in", new { userName = "admin", password = VigilFactory.AdminPassword, returnUrl });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

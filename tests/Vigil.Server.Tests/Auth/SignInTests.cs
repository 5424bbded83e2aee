using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Auth;

/// <summary>Sessions, lockout, the sign-in rate limit and API tokens, as a person or an integration meets them.</summary>
public sealed class SignInTests() : HostedServerTest(settings: new Dictionary<string, string> { ["Vigil:SignInPermitsPerMinute"] = "8", ["Vigil:LockoutAfterFailures"] = "3" })
{
    [Fact]
    public async Task FirstAdmin_SignsIn_WithTheConfiguredPassword_AndManagesUsers()
    {
        HttpClient browser = Browser();

        HttpResponseMessage signIn = await browser.PostAsJsonAsync("/auth/sign-in", new { userName = "ADMIN", password = VigilFactory.AdminPassword });
        HttpResponseMessage users = await browser.GetAsync("/api/users");
        HttpResponseMessage signOut = await browser.PostAsync("/auth/sign-out", null);
        HttpResponseMessage afterSignOut = await browser.GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("vigil.session", string.Join(';', signIn.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        Assert.Contains("httponly", string.Join(';', signIn.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterSignOut.StatusCode);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount_EvenForTheRightPassword()
    {
        HttpClient browser = Browser();
        for (int i = 0; i < 3; i++)
        {
            HttpResponseMessage wrong = await browser.PostAsJsonAsync("/auth/sign-in", new { userName = "admin", password = "not-the-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        HttpResponseMessage locked = await browser.PostAsJsonAsync("/auth/sign-in", new { userName = "admin", password = VigilFactory.AdminPassword });
        HttpResponseMessage unknown = await browser.PostAsJsonAsync("/auth/sign-in", new { userName = "no-such-person", password = VigilFactory.AdminPassword });

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        // A locked account and a name nobody has read alike: the answer tells no names apart.
        string lockedDetail = (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Equal(lockedDetail, (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.DoesNotContain("until", lockedDetail, StringComparison.Ordinal);
        Assert.Contains("locked for", lockedDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_IsRateLimited_PerAddress()
    {
        HttpClient browser = Browser();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 9; i++)
        {
            statuses.Add((await browser.PostAsJsonAsync("/auth/sign-in", new { userName = "nobody" + i, password = "whatever-password" })).StatusCode);
        }

        Assert.All(statuses.Take(8), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[8]);
    }

    [Fact]
    public async Task ChangingRoles_EndsTheSession_AndDisablingEndsTokens()
    {
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);
        HttpResponseMessage created = await admin.PostAsJsonAsync("/api/users", new { userName = "ana.operator", password = "operator-password-1", roles = new[] { "operator" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        string id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        HttpClient browser = Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/auth/sign-in", new { userName = "ana.operator", password = "operator-password-1" })).StatusCode);
        HttpResponseMessage tokenResponse = await browser.PostAsJsonAsync("/api/me/tokens", new { name = "wall display", expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.Created, tokenResponse.StatusCode);
        string token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        HttpClient integration = Browser();
        integration.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/alerts")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "dispatcher" } })).StatusCode);
        HttpResponseMessage oldSession = await browser.GetAsync("/api/alerts");
        HttpResponseMessage tokenAfterRoleChange = await integration.PostAsync("/api/alerts/0123456789abcdef0123456789abcdef/dismiss", null);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{id}")).StatusCode);
        HttpResponseMessage tokenAfterDisable = await integration.GetAsync("/api/alerts");

        Assert.Equal(HttpStatusCode.Unauthorized, oldSession.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tokenAfterRoleChange.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenAfterDisable.StatusCode);
        string listed = await admin.GetStringAsync($"/api/users/{id}/tokens");
        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);
        Assert.Contains("wall display", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedToken_StopsWorking_OnTheNextRequest()
    {
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);
        string me = (await admin.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetString()!;
        JsonElement created = await (await admin.PostAsJsonAsync($"/api/users/{me}/tokens", new { name = "second" })).Content.ReadFromJsonAsync<JsonElement>();
        HttpClient second = Browser();
        second.DefaultRequestHeaders.Authorization = new("Bearer", created.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/users")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{me}/tokens/{created.GetProperty("id").GetString()}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/users")).StatusCode);
    }

    [Theory]
    [InlineData("{\"userName\":\"x\",\"password\":\"long-enough-pw\",\"roles\":[\"operator\"]}", "userName")]
    [InlineData("{\"userName\":\"bob\",\"password\":\"short\",\"roles\":[\"operator\"]}", "password")]
    [InlineData("{\"userName\":\"bob\",\"password\":\"long-enough-pw\",\"roles\":[\"superuser\"]}", "roles")]
    [InlineData("{\"userName\":\"bob\",\"password\":\"long-enough-pw\",\"roles\":[]}", "roles")]
    [InlineData("{\"userName\":\"<img src=x>\",\"password\":\"long-enough-pw\",\"roles\":[\"operator\"]}", "userName")]
    [InlineData("{\"userName\":\"bob\",\"password\":\"long-enough-pw\",\"roles\":\"operator\"}", "roles")]
    public async Task CreateUser_WithBadInput_SaysWhichField_AndCreatesNobody(string body, string field)
    {
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);
        int before = (await admin.GetFromJsonAsync<JsonElement>("/api/users")).GetArrayLength();

        HttpResponseMessage response = await admin.PostAsync("/api/users", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>("/api/users")).GetArrayLength());
    }

    private HttpClient Browser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}

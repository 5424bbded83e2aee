using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Security;

/// <summary>Sign-out, disabling and revocation end every way in at once: copies of the cookie, open live connections.</summary>
public sealed class SessionEndTests() : HostedServerTest
{
    [Fact]
    public async Task ACopyOfTheCookie_StopsWorking_AfterSignOut()
    {
        HttpClient browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        HttpResponseMessage signIn = await browser.PostAsJsonAsync("/auth/sign-in", new { userName = "admin", password = VigilFactory.AdminPassword });
        string cookie = signIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("vigil.session", StringComparison.Ordinal)).Split(';')[0];

        Assert.Equal(HttpStatusCode.OK, await GetMeAsync(browser, cookie));
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/auth/sign-out");
        signOut.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(signOut)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await GetMeAsync(browser, cookie));
    }

    [Fact]
    public async Task AnOpenLivePushConnection_Closes_WhenItsTokenIsRevoked()
    {
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);
        HttpResponseMessage created = await admin.PostAsJsonAsync("/api/users", new { userName = "hugo.ops", password = "a-long-password-1", roles = new[] { Roles.Operator } });
        string id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        HttpClient browser = await Factory.SignedInAsync("hugo.ops", "a-long-password-1");
        string token = (await (await browser.PostAsJsonAsync("/api/me/tokens", new { name = "push" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        await using HubConnection hub = Factory.OpsHub(token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        Assert.Equal(HubConnectionState.Connected, hub.State);

        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{id}")).StatusCode);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    private static async Task<HttpStatusCode> GetMeAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }
}

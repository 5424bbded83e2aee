using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data;
using Vigil.Domain.Audit;
using Vigil.Domain.Users;
using Vigil.Server.Oversight;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Security;

/// <summary>What a probe leaves in the audit log, and what the server believes from a proxy.</summary>
public sealed class SignInTraceTests() : HostedServerTest(settings: new Dictionary<string, string> { ["Vigil:TrustedProxies:0"] = "127.0.0.1" })
{
    [Fact]
    public async Task FailedSignIn_IsAudited_WithTheClientsAddress_FromTheTrustedProxy()
    {
        HttpClient browser = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/sign-in") { Content = JsonContent.Create(new { userName = "nobody-here", password = "wrong-password-1" }) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(request)).StatusCode);

        await using VigilDbContext db = Factory.OpenDatabase();
        string detail = (await db.AuditEntries.Where(e => e.Action == AuditActions.SignInFailed).ToListAsync()).Last().Detail!;
        Assert.Contains("from 203.0.113.7", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody-here", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookie_IsSecure_WhenTheProxySaysTheClientUsedHttps()
    {
        HttpClient browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var https = new HttpRequestMessage(HttpMethod.Post, "/auth/sign-in") { Content = JsonContent.Create(new { userName = "admin", password = VigilFactory.AdminPassword }) };
        https.Headers.Add("X-Forwarded-Proto", "https");
        using var plain = new HttpRequestMessage(HttpMethod.Post, "/auth/sign-in") { Content = JsonContent.Create(new { userName = "admin", password = VigilFactory.AdminPassword }) };

        string secure = string.Join(';', (await browser.SendAsync(https)).Headers.GetValues("Set-Cookie"));
        string notSecure = string.Join(';', (await browser.SendAsync(plain)).Headers.GetValues("Set-Cookie"));

        Assert.Contains("secure", secure, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", notSecure, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RefusedRequests_AreSummarised_OnePerCallerEndpointAndStatus()
    {
        HttpClient dispatcher = await Factory.ClientWithRolesAsync(Roles.Dispatcher);
        for (int i = 0; i < 25; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.GetAsync("/api/audit")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClient().GetAsync("/api/users")).StatusCode);
        await Factory.Services.GetRequiredService<DeniedRequestLog>().FlushAsync(CancellationToken.None);

        await using VigilDbContext db = Factory.OpenDatabase();
        var entries = await db.AuditEntries.Where(e => e.Action == AuditActions.RequestsDenied).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.Target!.StartsWith("endpoint/GET /api/audit", StringComparison.Ordinal) && e.Detail!.StartsWith("403 × 25", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Actor == "anonymous" && e.Detail!.StartsWith("401 × 1", StringComparison.Ordinal));
    }
}

using System.Net;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Auth;

/// <summary>
/// Every operation of the OpenAPI document, called anonymously and with each role, answers 401,
/// 403 or success exactly as this table says. An endpoint added without a row here fails the test,
/// so nothing can be left open (or closed) by accident.
/// </summary>
public sealed class AuthMatrixTests() : HostedServerTest
{
    private const string Anonymous = "anonymous";
    private static readonly string[] s_all = [.. Roles.All];
    private static readonly string[] s_ops = [Roles.Operator, Roles.Dispatcher, Roles.Supervisor];
    private static readonly string[] s_handlers = [Roles.Operator, Roles.Supervisor];
    private static readonly string[] s_admin = [Roles.Admin];
    private static readonly string[] s_dispatchers = [Roles.Dispatcher, Roles.Supervisor];

    /// <summary>Who may call each operation (by operationId); <see cref="Anonymous"/> means everyone.</summary>
    private static readonly Dictionary<string, string[]> s_expected = new(StringComparer.Ordinal)
    {
        ["GetHealth"] = [Anonymous],
        ["SignIn"] = [Anonymous],
        ["SignOut"] = [Anonymous],
        ["GetTransparencyReport"] = [Anonymous],
        ["GetMe"] = s_all,
        ["ListCameras"] = s_ops,
        ["GetCamera"] = s_ops,
        ["WatchCameraLive"] = s_handlers,
        ["GetCameraFrame"] = s_handlers,
        ["ListRecordings"] = s_ops,
        ["PlayRecordings"] = s_handlers,
        ["GetRecordingSegment"] = s_handlers,
        ["RequestEvidenceExport"] = [Roles.Supervisor],
        ["ListEvidenceRequests"] = [Roles.Supervisor, Roles.Auditor],
        ["DecideEvidenceRequest"] = [Roles.Auditor],
        ["DownloadEvidencePackage"] = [Roles.Supervisor],
        ["RequestUnmask"] = s_handlers,
        ["ListUnmaskRequests"] = [Roles.Operator, Roles.Supervisor, Roles.Auditor],
        ["DecideUnmaskRequest"] = [Roles.Auditor],
        ["RevokeUnmaskView"] = [Roles.Operator, Roles.Supervisor, Roles.Auditor],
        ["WatchUnmaskedOriginal"] = s_handlers,
        ["ListSensors"] = s_ops,
        ["GetSensorReadings"] = s_ops,
        ["PostSensorReadings"] = [Roles.Sensor],
        ["ListAlerts"] = s_ops,
        ["GetAlert"] = s_ops,
        ["GetAlertSnapshot"] = s_ops,
        ["AcknowledgeAlert"] = s_handlers,
        ["DismissAlert"] = s_handlers,
        ["EscalateAlert"] = s_handlers,
        ["ListUsers"] = s_admin,
        ["CreateUser"] = s_admin,
        ["GetUser"] = s_admin,
        ["SetUserRoles"] = s_admin,
        ["SetUserPassword"] = s_admin,
        ["DisableUser"] = s_admin,
        ["ListUserTokens"] = s_admin,
        ["CreateUserToken"] = s_admin,
        ["RevokeUserToken"] = s_admin,
        ["ListMyTokens"] = s_all,
        // Every client here holds a token, and a token never makes tokens: only a password session does (DutySeparationApiTests).
        ["CreateMyToken"] = [],
        ["RevokeMyToken"] = s_all,
        ["GetMetrics"] = [Roles.Supervisor, Roles.Admin],
        ["ListUnits"] = s_ops,
        ["SetUnitStatus"] = s_dispatchers,
        ["ListIncidents"] = s_ops,
        ["GetIncident"] = s_ops,
        ["RecommendUnits"] = s_ops,
        ["CreateIncident"] = s_ops,
        ["AddIncidentNote"] = s_ops,
        ["SetIncidentStatus"] = s_dispatchers,
        ["DispatchUnit"] = s_dispatchers,
        ["GetResponseTimes"] = [Roles.Supervisor],
        ["ListAuditEntries"] = [Roles.Auditor],
        ["IssueWarning"] = [Roles.Supervisor],
        ["ListIncidentWarnings"] = s_ops,
        ["UpdateWarning"] = [Roles.Supervisor],
        ["CancelWarning"] = [Roles.Supervisor],
        ["GetWarningFeed"] = [Anonymous],
        ["GetWarningDocument"] = [Anonymous],
        ["ExportIncidentEido"] = s_dispatchers,
        ["ImportIncidentEido"] = s_dispatchers,
        ["VerifyAuditLog"] = [Roles.Auditor],
    };

    [Fact]
    public async Task EveryOperation_AnsweredByRole_AsTheTableSays()
    {
        List<(string Id, string Method, string Path)> operations = await OpenApiOperations.ReadAsync(await Factory.ClientWithRolesAsync(Roles.Auditor));
        Assert.Equal(s_expected.Keys.Order(StringComparer.Ordinal), operations.Select(o => o.Id).Order(StringComparer.Ordinal));

        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal) { [Anonymous] = Factory.CreateClient() };
        foreach (string role in Roles.All)
        {
            clients[role] = await Factory.ClientWithRolesAsync(role);
        }

        var wrong = new List<string>();
        foreach ((string id, string method, string path) in operations)
        {
            string[] allowed = s_expected[id];
            foreach ((string who, HttpClient client) in clients)
            {
                using HttpResponseMessage response = await client.SendAsync(OpenApiOperations.Request(method, path, "campus-path"));
                HttpStatusCode status = response.StatusCode;
                bool mayCall = allowed.Contains(Anonymous) || allowed.Contains(who);
                string verdict = mayCall
                    ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError ? "refused" : "ok"
                    : who == Anonymous ? (status == HttpStatusCode.Unauthorized ? "ok" : "not 401") : (status == HttpStatusCode.Forbidden ? "ok" : "not 403");
                if (verdict != "ok")
                {
                    wrong.Add($"{id} ({method} {path}) as {who}: {(int)status} ({verdict})");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task PagesAndHub_OutsideTheDocument_AreClosedToo()
    {
        HttpClient anonymous = Factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/hubs/ops/negotiate?negotiateVersion=1", null)).StatusCode);
        HttpResponseMessage console = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.StartsWith("/sign-in", console.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/sign-in")).StatusCode);
        foreach (string page in new[] { "/incidents", "/units", "/map", "/stats", "/audit", "/not-allowed" })
        {
            HttpResponseMessage consolePage = await anonymous.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, consolePage.StatusCode);
            Assert.StartsWith("/sign-in", consolePage.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/lib/leaflet/leaflet.js")).StatusCode);

        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("/hubs/ops/negotiate?negotiateVersion=1", null)).StatusCode);
        HttpClient dispatcher = await Factory.ClientWithRolesAsync(Roles.Dispatcher);
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.PostAsync("/hubs/ops/negotiate?negotiateVersion=1", null)).StatusCode);
    }

    [Fact]
    public async Task Refusals_AreProblemDetails_ThatSayWhatToDo()
    {
        using HttpResponseMessage anonymous = await Factory.CreateClient().GetAsync("/api/alerts");
        using HttpResponseMessage forbidden = await (await Factory.ClientWithRolesAsync(Roles.Auditor)).GetAsync("/api/alerts");

        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Sign in", (await anonymous.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Contains("roles", (await forbidden.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Server.Auth;
using Vigil.Server.Persistence;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// The real host (<see cref="Program"/>) over a private data folder and database; camera pipelines
/// off unless a test needs them. Users and tokens are created straight in the database.
/// </summary>
internal sealed class VigilFactory(TestDatabase database, bool pipelines = false, string? configPath = null, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null, Action<IServiceCollection>? overrides = null)
    : WebApplicationFactory<Program>
{
    public const string AdminPassword = "test-admin-password";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("vigil-server-test-").FullName;

    /// <summary>Every line the host logged, at every level (tests look for what must never be logged).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>A client that sends the given roles' bearer token (a new user each call).</summary>
    public Task<HttpClient> ClientWithRolesAsync(params string[] roles) => ClientForAsync("u" + Guid.NewGuid().ToString("N")[..10], roles);

    /// <summary>A client with the bearer token of a new user of this name and these roles (a sensor's account is named like the sensor).</summary>
    public async Task<HttpClient> ClientForAsync(string userName, params string[] roles)
    {
        string token = await CreateTokenAsync(roles, userName);
        HttpClient client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a user with these roles and returns an API token for them.</summary>
    public Task<string> CreateTokenAsync(params string[] roles) => CreateTokenAsync(roles, null);

    private async Task<string> CreateTokenAsync(string[] roles, string? userName)
    {
        VigilDbContextFactory contexts = Services.GetRequiredService<VigilDbContextFactory>();
        await using VigilDbContext db = contexts.CreateDbContext();
        DateTimeOffset now = DateTimeOffset.UnixEpoch.AddYears(56);
        UserRecord user = Users.Create(userName ?? "u" + Guid.NewGuid().ToString("N")[..10], "a-long-test-password", roles, now);
        string token = ApiTokens.Create();
        db.Users.Add(user);
        db.ApiTokens.Add(new ApiTokenRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            UserId = user.Id,
            Name = "test",
            TokenHash = ApiTokens.Hash(token),
            Prefix = token[..10],
            CreatedAt = now,
        });
        await db.SaveChangesAsync();
        return token;
    }

    /// <summary>A cookie-keeping client signed in with this password (a person's session, as a browser holds it).</summary>
    public async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        HttpClient browser = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        HttpResponseMessage signIn = await browser.PostAsJsonAsync("/auth/sign-in", new { userName, password });
        Assert.Equal(System.Net.HttpStatusCode.OK, signIn.StatusCode);
        return browser;
    }

    /// <summary>Creates a user who signs in with a password (for the browser tests).</summary>
    public async Task CreateUserAsync(string userName, string password, params string[] roles)
    {
        await using VigilDbContext db = OpenDatabase();
        db.Users.Add(Users.Create(userName, password, roles, TimeProvider.System.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    /// <summary>A connection (not yet started: add handlers first) to the live push <c>/hubs/ops</c> with this bearer token, over long polling through the test server.</summary>
    public HubConnection OpsHub(string token) => new HubConnectionBuilder()
        .WithUrl(new Uri(Server.BaseAddress, "/hubs/ops"), o =>
        {
            o.Transports = HttpTransportType.LongPolling;
            o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();

    /// <summary>An operator's live push, started, collecting the alert messages.</summary>
    public async Task<AlertWatch> WatchAlertsAsync()
    {
        var alerts = Channel.CreateUnbounded<JsonElement>();
        HubConnection hub = OpsHub(await CreateTokenAsync(Vigil.Domain.Users.Roles.Operator));
        hub.On<JsonElement>("alert", a => alerts.Writer.TryWrite(a));
        await hub.StartAsync();
        return new AlertWatch(hub, alerts.Reader);
    }

    /// <summary>Adds rows straight to the database.</summary>
    public async Task SeedAsync(params AlertRecord[] alerts)
    {
        await using VigilDbContext db = Services.GetRequiredService<VigilDbContextFactory>().CreateDbContext();
        db.Alerts.AddRange(alerts);
        await db.SaveChangesAsync();
    }

    public VigilDbContext OpenDatabase() => Services.GetRequiredService<VigilDbContextFactory>().CreateDbContext();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Vigil:DataDirectory", DataDirectory);
        builder.UseSetting("Vigil:Database", database.ConnectionString ?? "");
        builder.UseSetting("Vigil:RunPipelines", pipelines ? "true" : "false");
        builder.UseSetting("Vigil:AdminPassword", AdminPassword);
        if (configPath is not null)
        {
            builder.UseSetting("Vigil:ConfigPath", configPath);
        }

        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            // The test server has no socket: requests come from loopback, as a local browser's would.
            services.AddSingleton<IStartupFilter, LoopbackClientFilter>();
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }

            overrides?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a stopping pipeline: the OS temp cleaner gets it.
            }
        }
    }
}

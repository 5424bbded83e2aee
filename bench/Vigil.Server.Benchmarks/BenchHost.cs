using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Server.Auth;
using Vigil.Server.Hosting;
using Vigil.Server.Persistence;

namespace Vigil.Server.Benchmarks;

/// <summary>The real host on a loopback port (Kestrel, not a test server), in this process.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(WebApplication app, string data, Uri address)
    {
        App = app;
        DataDirectory = data;
        Address = address;
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public Uri Address { get; }

    /// <summary>Starts the host; <paramref name="overrides"/> may replace services after the host has registered its own.</summary>
    public static async Task<BenchHost> StartAsync(string? configPath, string? database, bool pipelines, int detectorThreads = 0, Action<IServiceCollection>? overrides = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        string data = Directory.CreateTempSubdirectory("vigil-bench-").FullName;
        int port = FreePort();
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Vigil:ConfigPath"] = configPath,
            ["Vigil:DataDirectory"] = data,
            ["Vigil:Database"] = database,
            ["Vigil:RunPipelines"] = pipelines ? "true" : "false",
            ["Vigil:AdminPassword"] = "bench-admin-password",
            ["Vigil:DetectorThreads"] = detectorThreads.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach ((string key, string? value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        WebApplication app = VigilHost.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.WebHost.UseUrls($"http://127.0.0.1:{port}");
            if (overrides is not null)
            {
                b.Host.UseServiceProviderFactory(new ServiceOverrides(overrides));
            }
        });
        await app.StartAsync().ConfigureAwait(false);
        return new BenchHost(app, data, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>A user with these roles and a bearer token for them.</summary>
    public async Task<string> TokenAsync(params string[] roles)
    {
        VigilDbContext db = App.Services.GetRequiredService<VigilDbContextFactory>().CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            UserRecord user = Users.Create("bench" + Guid.NewGuid().ToString("N")[..8], "bench-user-password", roles, TimeProvider.System.GetUtcNow());
            string token = ApiTokens.Create();
            db.Users.Add(user);
            db.ApiTokens.Add(new ApiTokenRecord { Id = Guid.NewGuid().ToString("N"), UserId = user.Id, Name = "bench", TokenHash = ApiTokens.Hash(token), Prefix = token[..10], CreatedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync().ConfigureAwait(false);
            return token;
        }
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public VigilDbContext OpenDatabase() => App.Services.GetRequiredService<VigilDbContextFactory>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }

    public static string Percentiles(List<double> ms)
    {
        ms.Sort();
        return ms.Count == 0
            ? "no samples"
            : string.Create(CultureInfo.InvariantCulture, $"n={ms.Count} p50={At(ms, 0.50):0.00} ms p90={At(ms, 0.90):0.00} ms p99={At(ms, 0.99):0.0} ms max={ms[^1]:0.0} ms");
    }

    private static double At(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

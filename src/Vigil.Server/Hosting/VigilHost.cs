using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vigil.Assets.Cache;
using Vigil.Configuration;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Server.Alerts;
using Vigil.Server.Api;
using Vigil.Server.Auth;
using Vigil.Server.Components;
using Vigil.Server.Dispatch;
using Vigil.Server.Evidence;
using Vigil.Server.Exchange;
using Vigil.Server.Live;
using Vigil.Server.Mqtt;
using Vigil.Server.Observability;
using Vigil.Server.Originals;
using Vigil.Server.Oversight;
using Vigil.Server.Persistence;
using Vigil.Server.Pipelines;
using Vigil.Server.Recordings;
using Vigil.Server.Sensors;
using Vigil.Server.Warnings;
using Vigil.Vision.Detection;
using Vigil.Vision.Pipeline;

namespace Vigil.Server.Hosting;

/// <summary>
/// Builds the Vigil host: database, auth, hosted camera pipelines, alert writer, API, live push,
/// metrics and health. <c>vigil serve</c>, <c>vigil demo</c> and the integration tests all use this.
/// </summary>
public static class VigilHost
{
    /// <summary>Builds the application; <paramref name="configure"/> adds settings (the CLI's options, a test's overrides) before services are registered.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(VigilHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Configuration.AddEnvironmentVariables("VIGIL_");
        if (Environment.GetEnvironmentVariable("VIGIL_ADMIN_PASSWORD") is { Length: > 0 } adminPassword)
        {
            builder.Configuration[$"{ServerOptions.SectionName}:{nameof(ServerOptions.AdminPassword)}"] = adminPassword;
        }

        builder.Logging.AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        configure?.Invoke(builder);
        AddServices(builder.Services);
        WebApplication app = builder.Build();
        UsePipeline(app);
        return app;
    }

    private static void AddServices(IServiceCollection services)
    {
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ConfigLoader.LoadFile(sp.GetRequiredService<IOptions<ServerOptions>>().Value.ResolvedConfigPath, CocoClasses.Names.ToArray()));
        services.AddSingleton(_ => AssetLocator.Default());

        // Cookie keys live with the data, readable by the service user only.
        services.AddDataProtection().SetApplicationName("vigil");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ServerOptions>>((keys, server) =>
            keys.XmlRepository = new FileSystemXmlRepository(KeysDirectory(server.Value), NullLoggerFactory.Instance));

        // Persistence: the database --db names (SQLite in the data folder by default).
        services.AddSingleton(sp =>
        {
            ServerOptions o = sp.GetRequiredService<IOptions<ServerOptions>>().Value;
            return new VigilDbContextFactory(DatabaseSettings.Parse(o.Database, o.ResolvedDataDirectory));
        });
        services.AddSingleton<IDbContextFactory<VigilDbContext>>(sp => sp.GetRequiredService<VigilDbContextFactory>());
        services.AddScoped(sp => sp.GetRequiredService<VigilDbContextFactory>().CreateDbContext());

        // Auth: session cookies for people, bearer tokens for integrations, one policy per kind of action.
        services.AddSingleton(sp => AuditSigner.LoadOrCreate(sp.GetRequiredService<IOptions<ServerOptions>>().Value.KeysDirectory));
        services.AddSingleton(sp => new AuditLog(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<AuditSigner>(),
            sp.GetRequiredService<IOptions<ServerOptions>>().Value.AuditCheckpointEvery));
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<UserAdmin>();
        services.AddSingleton<ApiTokenIssuer>();
        services.AddSingleton<SessionWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionWatch>());
        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = http => AuthSchemes.BearerTokenOf(http.Request) is null ? AuthSchemes.Cookie : AuthSchemes.Token)
            .AddCookie(AuthSchemes.Cookie, ConfigureCookie)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(AuthSchemes.Token, null);
        services.AddAuthorization(Policies.Add);
        services.AddRateLimiter(ConfigureRateLimits);

        // Errors: RFC 7807 everywhere, binding failures included.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = AddDefaultDetail);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        services.AddOpenApi();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, Components.SessionRevalidator>();
        services.AddSignalR().AddJsonProtocol(o => ConfigureJson(o.PayloadSerializerOptions));

        // The work: start-up checks, then the alert writer, then the cameras (stopped in reverse order).
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<CameraRegistry>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<RecordingStore>();
        services.TryAddSingleton<IDiskSpace, DriveDiskSpace>();
        services.AddSingleton(sp => sp.GetRequiredService<VigilConfig>().Storage);
        services.AddSingleton<StorageGuard>();
        services.AddSingleton<PlaybackGrants>();
        services.AddSingleton<OpsPush>();
        services.AddSingleton<AlertActions>();
        services.AddSingleton<AlertQueries>();
        services.AddSingleton<DispatchService>();
        services.AddSingleton<IncidentQueries>();
        services.AddSingleton<EidoExchange>();
        services.AddSingleton<EvidenceService>();
        services.AddSingleton<SensorRegistry>();
        services.AddSingleton<SensorAlerts>();
        services.AddSingleton<SensorIngest>();
        services.AddSingleton<SensorQueries>();
        services.AddSingleton<MqttReadings>();
        services.AddSingleton<MqttEvents>();
        services.AddSingleton<MqttConnection>();
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<WalCheckpointService>();
        services.AddHostedService(sp => sp.GetRequiredService<WalCheckpointService>());
        services.AddSingleton<AlertWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertWriter>());
        // Sensors' readings are stored, so their loop and the broker start once the database is ready.
        services.AddHostedService(sp => sp.GetRequiredService<SensorIngest>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttConnection>());
        services.AddHostedService<PipelineHost>();
        services.AddSingleton<OriginalKeyring>();
        services.AddSingleton<OriginalStore>();
        services.AddSingleton<UnmaskViews>();
        services.AddSingleton<UnmaskService>();
        services.AddSingleton<OriginalsHost>();
        services.AddHostedService(sp => sp.GetRequiredService<OriginalsHost>());
        services.AddHostedService<AuditCheckpointer>();
        services.AddSingleton<DeniedRequestLog>();
        services.AddHostedService(sp => sp.GetRequiredService<DeniedRequestLog>());
        services.AddSingleton<RetentionSweeper>();
        services.AddSingleton<TransparencyService>();
        services.AddSingleton<AuditReader>();
        services.AddSingleton<PublicWarningService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
        services.AddHostedService(sp => sp.GetRequiredService<StorageGuard>());
    }

    /// <summary>Problems the framework raises (401, 403, unmatched routes) get a detail that says what to do.</summary>
    private static void AddDefaultDetail(ProblemDetailsContext context)
    {
        context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
        {
            StatusCodes.Status401Unauthorized => "Sign in (session cookie from /auth/sign-in) or send 'Authorization: Bearer <API token>'.",
            StatusCodes.Status403Forbidden => "Your roles do not allow this; an admin can change them.",
            StatusCodes.Status404NotFound => $"Nothing at {context.HttpContext.Request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
            _ => null,
        };
    }

    private static void UsePipeline(WebApplication app)
    {
        ServerOptions server = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        if (server.TrustedProxies.Length > 0)
        {
            app.UseForwardedHeaders(ForwardedFrom(server.TrustedProxies));
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BrowserSecurityMiddleware>();
        app.UseRouting();
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseMiddleware<HttpMetricsMiddleware>();
        app.UseMiddleware<DeniedRequestsMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapConsoleEndpoints();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode().RequireAuthorization(Policies.SignedIn);
        app.MapAuthEndpoints();
        app.MapCameraEndpoints();
        app.MapAlertEndpoints();
        app.MapRecordingEndpoints();
        app.MapEvidenceEndpoints();
        app.MapUnmaskEndpoints();
        app.MapSensorEndpoints();
        app.MapUserEndpoints();
        app.MapUnitEndpoints();
        app.MapIncidentEndpoints();
        app.MapObservabilityEndpoints();
        app.MapTransparencyEndpoints();
        app.MapAuditEndpoints();
        app.MapWarningEndpoints();
        app.MapHub<OpsHub>("/hubs/ops");
        app.MapOpenApi().RequireAuthorization(Policies.SignedIn);
    }

    /// <summary>Forwarded client address and scheme, believed only from the configured proxies.</summary>
    private static ForwardedHeadersOptions ForwardedFrom(string[] proxies)
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (string proxy in proxies)
        {
            if (IPAddress.TryParse(proxy, out IPAddress? address))
            {
                forwarded.KnownProxies.Add(address);
            }
            else
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
        }

        return forwarded;
    }

    private static DirectoryInfo KeysDirectory(ServerOptions options)
    {
        string path = options.KeysDirectory;
        DirectoryInfo keys = Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return keys;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = AuthSchemes.CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(12);
        o.SlidingExpiration = true;
        o.LoginPath = "/sign-in";
        o.Events.OnRedirectToLogin = context => Challenge(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => Challenge(context, StatusCodes.Status403Forbidden);
        o.Events.OnValidatePrincipal = async context =>
        {
            UserDirectory users = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
            if (context.Principal is null || !await users.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted).ConfigureAwait(false))
            {
                // Signed out, or roles, password or status changed since the session began: sign in again.
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(AuthSchemes.Cookie).ConfigureAwait(false);
            }
        };
    }

    /// <summary>
    /// Console pages redirect: to the sign-in page when signed out, to the "not for your role" page when
    /// the roles do not allow the page. The API, the hub and metrics answer 401/403.
    /// </summary>
    private static Task Challenge(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        PathString path = context.Request.Path;
        bool isPage = !path.StartsWithSegments("/api", StringComparison.Ordinal)
            && !path.StartsWithSegments("/hubs", StringComparison.Ordinal)
            && !path.StartsWithSegments("/metrics", StringComparison.Ordinal)
            && !path.StartsWithSegments("/openapi", StringComparison.Ordinal)
            && !path.StartsWithSegments("/_blazor", StringComparison.Ordinal)
            && HttpMethods.IsGet(context.Request.Method);
        if (isPage)
        {
            context.Response.Redirect(status == StatusCodes.Status401Unauthorized ? context.RedirectUri : "/not-allowed");
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }

    private static void ConfigureRateLimits(RateLimiterOptions o)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(AuthEndpoints.RateLimitPolicy, http =>
        {
            int permits = http.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.SignInPermitsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        });
        o.OnRejected = async (context, ct) =>
        {
            IProblemDetailsService problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            context.HttpContext.Response.Headers.RetryAfter = "60";
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Detail = "Too many sign-in attempts from this address; wait a minute." },
            }).ConfigureAwait(false);
        };
    }

    /// <summary>How Vigil writes JSON everywhere (API, live push, MQTT): camelCase, snake_case enums, markup escaped.</summary>
    internal static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Escape '<', '>' and '&' even inside JSON: text an operator typed can never become markup.
        json.Encoder = JavaScriptEncoder.Default;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        json.Converters.Add(new SafeStringConverter());
    }
}

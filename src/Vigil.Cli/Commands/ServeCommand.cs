using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vigil.Cli.Demo;
using Vigil.Data;
using Vigil.Server.Hosting;
using Vigil.Server.Mqtt;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil serve</c>: the platform (camera pipelines, API, live push, console) on one machine.
/// <c>vigil demo</c> is the same with the shipped demo configuration: the sample videos looped as
/// live cameras with zones and rules that fire, and Debian's mosquitto on a loopback port with a
/// simulated river gauge publishing a flood wave to it (<see cref="DemoGauge"/>).
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>The demo broker's port when it is free (else any free one).</summary>
    public const int DemoBrokerPort = 18830;

    public static Command CreateServe(CliContext context) => Create(context, demo: false);

    public static Command CreateDemo(CliContext context) => Create(context, demo: true);

    private static Command Create(CliContext context, bool demo)
    {
        var config = new Option<string?>("--config") { Description = "The vigil.yaml to run (default: ./vigil.yaml when present, else the demo configuration)." };
        var urls = new Option<string>("--urls") { Description = "Where to listen (';'-separated).", DefaultValueFactory = _ => DefaultUrls };
        var data = new Option<string?>("--data") { Description = "Data folder: database, snapshots (default: $VIGIL_HOME/data)." };
        var db = new Option<string?>("--db") { Description = "PostgreSQL connection string or URL (default: SQLite in the data folder)." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads per inference (default: the cores divided among the cameras).", DefaultValueFactory = _ => 0 };
        var noPipelines = new Option<bool>("--no-pipelines") { Description = "Serve the API and console without running the cameras." };
        Command command = demo
            ? new Command("demo", "Run Vigil with the sample videos as live cameras, at http://127.0.0.1:8080 (same options as 'serve').") { urls, data, db, threads, noPipelines }
            : new Command("serve", "Run Vigil: camera pipelines, alerts, API, live push and console.") { config, urls, data, db, threads, noPipelines };
        command.SetAction((parse, ct) => RunAsync(
            context,
            demo ? null : parse.GetValue(config),
            parse.GetValue(urls)!,
            parse.GetValue(data),
            parse.GetValue(db),
            parse.GetValue(threads),
            !parse.GetValue(noPipelines),
            demo,
            ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? configPath, string urls, string? data, string? db, int threads, bool pipelines, bool demo, CancellationToken cancellationToken)
    {
        if (threads is < 0 or > 64)
        {
            return context.Fail($"--threads must be between 1 and 64 (or 0: automatic), not {threads}", ExitCodes.Usage);
        }

        if (!demo && configPath is null && File.Exists("vigil.yaml"))
        {
            configPath = "vigil.yaml";
        }

        var options = new ServerOptions { ConfigPath = configPath, DataDirectory = data, Database = db };
        string config = options.ResolvedConfigPath;
        if (await ConfigCommand.LoadAsync(context, config).ConfigureAwait(false) is null)
        {
            return ExitCodes.Failure;
        }

        try
        {
            _ = DatabaseSettings.Parse(db, options.ResolvedDataDirectory);
        }
        catch (ArgumentException ex)
        {
            return context.Fail(ex.Message.Split(" (Parameter", 2)[0], ExitCodes.Usage);
        }

        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Vigil:ConfigPath"] = config,
            ["Vigil:DataDirectory"] = options.ResolvedDataDirectory,
            ["Vigil:Database"] = db,
            ["Vigil:DetectorThreads"] = threads.ToString(CultureInfo.InvariantCulture),
            ["Vigil:RunPipelines"] = pipelines ? "true" : "false",
        };
        if (demo)
        {
            // Warnings composed while trying the demo must never be taken for real ones.
            settings["Vigil:CapStatus"] = "Exercise";
        }

        MosquittoBroker? broker = demo ? await StartDemoBrokerAsync(context).ConfigureAwait(false) : null;
        try
        {
            if (broker is not null)
            {
                settings["Vigil:MqttUrl"] = broker.Url;
            }

            return await ServeAsync(context, urls, settings, config, options.ResolvedDataDirectory, demo, broker, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (broker is not null)
            {
                await broker.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The demo's broker, or null (the demo runs without its river gauge) when mosquitto is missing or will not start.</summary>
    private static async Task<MosquittoBroker?> StartDemoBrokerAsync(CliContext context)
    {
        if (MosquittoBroker.Binary is null)
        {
            await context.Error.WriteLineAsync("vigil: the demo's river gauge needs Debian's mosquitto (apt-get install mosquitto; ./vigil demo installs it); running without it");
            return null;
        }

        try
        {
            MosquittoBroker broker = await MosquittoBroker.StartAsync(DemoBrokerPort).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"vigil: demo MQTT broker at {broker.Url}; a simulated river gauge ('{DemoGauge.SensorId}') publishes a flood wave every half hour");
            return broker;
        }
        catch (InvalidOperationException ex)
        {
            await context.Error.WriteLineAsync($"vigil: the demo's MQTT broker did not start ({ex.Message}); running without the river gauge");
            return null;
        }
    }

    private static async Task<int> ServeAsync(CliContext context, string urls, Dictionary<string, string?> settings, string config, string dataDirectory, bool demo, MosquittoBroker? broker, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = VigilHost.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                if (broker is not null)
                {
                    builder.Services.AddHostedService(sp =>
                    {
                        ServerOptions o = sp.GetRequiredService<IOptions<ServerOptions>>().Value;
                        string topic = new MqttTopics(o.MqttTopic, o.Site).SensorReadings(DemoGauge.SensorId);
                        MqttConnection server = sp.GetRequiredService<MqttConnection>();
                        return new DemoGauge("127.0.0.1", broker.Port, topic, Path.Combine(dataDirectory, "demo-gauge.last"), () => server.Connected, TimeProvider.System);
                    });
                }
            });
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OptionsValidationException)
        {
            // Settings are checked while the host is built (the pipeline reads them) or when it starts.
            return context.Fail(ex.Message);
        }

        await using (app.ConfigureAwait(false))
        {
            app.Lifetime.ApplicationStarted.Register(() => context.Error.WriteLine(
                $"vigil: serving {string.Join(", ", app.Urls)} ({(demo ? "demo" : Path.GetFileName(config))}; data in {dataDirectory}); Ctrl+C stops"));
            try
            {
                await app.RunAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (IOException ex) when (ex.InnerException is SocketException || ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                return context.Fail($"cannot listen on {urls}: {ex.Message}");
            }
            catch (OptionsValidationException ex)
            {
                return context.Fail(ex.Message);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
            {
                return context.Fail($"the database cannot be used: {ex.Message}");
            }
        }
    }
}

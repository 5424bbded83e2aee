using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Server.Hosting;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil serve</c>: the platform (camera pipelines, API, live push, console) on one machine.
/// <c>vigil demo</c> is the same with the shipped demo configuration: the sample videos looped as
/// live cameras with zones and rules that fire.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

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

        WebApplication app;
        try
        {
            app = VigilHost.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
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
                $"vigil: serving {string.Join(", ", app.Urls)} ({(demo ? "demo" : Path.GetFileName(config))}; data in {options.ResolvedDataDirectory}); Ctrl+C stops"));
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

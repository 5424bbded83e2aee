using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Spectre.Console;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Domain.Audit;
using Vigil.Server.Hosting;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil audit verify</c>: recomputes the audit log's hash chain and checks its signed
/// checkpoints; names the first broken entry.
/// </summary>
internal static class AuditCommand
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "Data folder of the installation (default: $VIGIL_HOME/data)." };
        var db = new Option<string?>("--db") { Description = "PostgreSQL connection string or URL (default: SQLite in the data folder)." };
        var publicKey = new Option<string?>("--public-key") { Description = "PEM public key to check checkpoint signatures with (default: the installation's key in DATA/keys)." };
        var anchor = new Option<string?>("--from-checkpoint") { Description = "A checkpoint kept outside the database (JSON, as on /transparency.json) that the log must still match." };
        var export = new Option<string?>("--export") { Description = "Verify this export file (from 'vigil audit export') offline instead of a database." };
        var verify = new Command("verify", "Recompute the audit log's hash chain and check its signed checkpoints; exit 0 when intact, 1 naming the first broken entry.")
        {
            data, db, publicKey, anchor, export,
        };
        verify.SetAction((parse, ct) => parse.GetValue(export) is { } file
            ? VerifyExportAsync(context, file, parse.GetValue(publicKey), ct)
            : VerifyAsync(context, parse.GetValue(data), parse.GetValue(db), parse.GetValue(publicKey), parse.GetValue(anchor), ct));

        var from = new Option<DateTimeOffset>("--from") { Description = "Start of the period (inclusive), e.g. 2026-11-01 or 2026-11-01T00:00Z.", Required = true };
        var to = new Option<DateTimeOffset>("--to") { Description = "End of the period (exclusive).", Required = true };
        var output = new Option<string>("--out") { Description = "The JSON Lines file to write.", Required = true };
        var exportData = new Option<string?>("--data") { Description = data.Description };
        var exportDb = new Option<string?>("--db") { Description = db.Description };
        var exportCommand = new Command("export", "Write a period of the audit log, with the signed checkpoints around it, for an auditor to verify offline ('vigil audit verify --export FILE --public-key KEY').")
        {
            from, to, output, exportData, exportDb,
        };
        exportCommand.SetAction((parse, ct) => ExportAsync(context, parse.GetValue(exportData), parse.GetValue(exportDb), parse.GetValue(from), parse.GetValue(to), parse.GetValue(output)!, ct));
        return new Command("audit", "The tamper-evident audit log.") { verify, exportCommand };
    }

    private static async Task<int> ExportAsync(CliContext context, string? data, string? db, DateTimeOffset from, DateTimeOffset to, string output, CancellationToken cancellationToken)
    {
        if (to <= from)
        {
            return context.Fail("--to must be after --from", ExitCodes.Usage);
        }

        (DatabaseSettings? settings, int failure) = Open(context, data, db);
        if (settings is null)
        {
            return failure;
        }

        string keyPath = Path.Combine(new ServerOptions { DataDirectory = data }.KeysDirectory, AuditSigner.FileName);
        string? publicKey = null;
        if (File.Exists(keyPath))
        {
            using ECDsa key = ReadKey(keyPath);
            publicKey = key.ExportSubjectPublicKeyInfoPem();
        }

        string partial = output + ".partial";
        int count;
        VigilDbContext database = VigilDatabase.CreateContext(settings);
        await using (database.ConfigureAwait(false))
        {
            var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None);
            await using (stream.ConfigureAwait(false))
            {
                count = await AuditExport.WriteAsync(database, from.ToUniversalTime(), to.ToUniversalTime(), publicKey, stream, cancellationToken).ConfigureAwait(false);
            }
        }

        File.Move(partial, output, overwrite: true);
        context.Out.MarkupLine($"[green]exported[/] {count} audit entries (the period, widened to its signed checkpoints) to {Markup.Escape(output)}");
        return ExitCodes.Success;
    }

    private static async Task<int> VerifyExportAsync(CliContext context, string file, string? publicKeyPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            return context.Fail($"no export at {file}");
        }

        using ECDsa? key = publicKeyPath is null ? null : File.Exists(publicKeyPath) ? ReadKey(publicKeyPath) : null;
        if (publicKeyPath is not null && key is null)
        {
            return context.Fail($"no public key at {publicKeyPath}");
        }

        AuditVerification result;
        try
        {
            var stream = File.OpenRead(file);
            await using (stream.ConfigureAwait(false))
            {
                result = await AuditExport.VerifyAsync(stream, key, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return context.Fail($"{file} is not an audit export: {ex.Message}");
        }

        return Report(context, result, key, file);
    }

    private static (DatabaseSettings? Settings, int Failure) Open(CliContext context, string? data, string? db)
    {
        DatabaseSettings settings;
        try
        {
            settings = DatabaseSettings.Parse(db, new ServerOptions { DataDirectory = data }.ResolvedDataDirectory);
        }
        catch (ArgumentException ex)
        {
            return (null, context.Fail(ex.Message.Split(" (Parameter", 2)[0], ExitCodes.Usage));
        }

        if (settings.Provider == DatabaseProvider.Sqlite && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource))
        {
            return (null, context.Fail($"no database at {settings.Describe()}; pass the installation's --data or --db"));
        }

        return (settings, ExitCodes.Success);
    }

    private static int Report(CliContext context, AuditVerification result, ECDsa? key, string source)
    {
        if (!result.IsIntact)
        {
            return context.Fail($"audit log broken at entry #{result.BrokenAt}: {result.Problem} ({result.Checked} entries before it are intact)");
        }

        string signatures = key is null
            ? "signatures not checked (no key: pass --public-key)"
            : $"{result.CheckpointsVerified} signed checkpoint(s) verified with key {AuditSigner.KeyIdOf(key)}";
        context.Out.MarkupLine($"[green]intact[/]: {result.Checked} audit entries checked, {Markup.Escape(signatures)} ({Markup.Escape(source)})");
        return ExitCodes.Success;
    }

    private static async Task<int> VerifyAsync(CliContext context, string? data, string? db, string? publicKeyPath, string? anchorPath, CancellationToken cancellationToken)
    {
        var options = new ServerOptions { DataDirectory = data };
        (DatabaseSettings? settings, int failure) = Open(context, data, db);
        if (settings is null)
        {
            return failure;
        }

        string keyPath = publicKeyPath ?? Path.Combine(options.KeysDirectory, AuditSigner.FileName);
        using ECDsa? key = File.Exists(keyPath) ? ReadKey(keyPath) : null;
        if (key is null && publicKeyPath is not null)
        {
            return context.Fail($"no public key at {publicKeyPath}");
        }

        AuditCheckpoint? anchor = null;
        if (anchorPath is not null)
        {
            try
            {
                anchor = JsonSerializer.Deserialize<AuditCheckpoint>(await File.ReadAllTextAsync(anchorPath, cancellationToken).ConfigureAwait(false), s_json)
                    ?? throw new JsonException("empty");
            }
            catch (Exception ex) when (ex is JsonException or IOException)
            {
                return context.Fail($"cannot read the checkpoint {anchorPath}: {ex.Message}");
            }
        }

        AuditVerification result;
        try
        {
            VigilDbContext database = VigilDatabase.CreateContext(settings);
            await using (database.ConfigureAwait(false))
            {
                result = await AuditVerifier.VerifyAsync(database, key, anchor, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            return context.Fail($"cannot read the audit log from {settings.Describe()}: {ex.Message}");
        }

        return Report(context, result, key, settings.Describe());
    }

    /// <summary>A PEM public key (the one the transparency page publishes); InvalidOperationException names a file that is not one.</summary>
    internal static ECDsa ReadKey(string path)
    {
        try
        {
            return AuditSigner.PublicKeyFromPem(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException($"{path} is not a PEM ECDSA key: {ex.Message}", ex);
        }
    }
}

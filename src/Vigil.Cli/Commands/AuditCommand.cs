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
        var verify = new Command("verify", "Recompute the audit log's hash chain and check its signed checkpoints; exit 0 when intact, 1 naming the first broken entry.")
        {
            data, db, publicKey, anchor,
        };
        verify.SetAction((parse, ct) => VerifyAsync(context, parse.GetValue(data), parse.GetValue(db), parse.GetValue(publicKey), parse.GetValue(anchor), ct));
        return new Command("audit", "The tamper-evident audit log.") { verify };
    }

    private static async Task<int> VerifyAsync(CliContext context, string? data, string? db, string? publicKeyPath, string? anchorPath, CancellationToken cancellationToken)
    {
        var options = new ServerOptions { DataDirectory = data };
        DatabaseSettings settings;
        try
        {
            settings = DatabaseSettings.Parse(db, options.ResolvedDataDirectory);
        }
        catch (ArgumentException ex)
        {
            return context.Fail(ex.Message.Split(" (Parameter", 2)[0], ExitCodes.Usage);
        }

        if (settings.Provider == DatabaseProvider.Sqlite && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource))
        {
            return context.Fail($"no database at {settings.Describe()}; pass the installation's --data or --db");
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

        if (!result.IsIntact)
        {
            return context.Fail($"audit log broken at entry #{result.BrokenAt}: {result.Problem} ({result.Checked} entries before it are intact)");
        }

        string signatures = key is null
            ? "signatures not checked (no key: pass --public-key)"
            : $"{result.CheckpointsVerified} signed checkpoint(s) verified with key {AuditSigner.KeyIdOf(key)}";
        context.Out.MarkupLine($"[green]intact[/]: {result.Checked} audit entries checked, {Markup.Escape(signatures)} ({Markup.Escape(settings.Describe())})");
        return ExitCodes.Success;
    }

    private static ECDsa ReadKey(string path)
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

using System.CommandLine;
using Spectre.Console;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Server.Hosting;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil audit verify</c>: recomputes the audit log's hash chain and names the first broken entry.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "Data folder of the installation (default: $VIGIL_HOME/data)." };
        var db = new Option<string?>("--db") { Description = "PostgreSQL connection string or URL (default: SQLite in the data folder)." };
        var verify = new Command("verify", "Recompute the audit log's hash chain; exit 0 when intact, 1 naming the first broken entry.") { data, db };
        verify.SetAction((parse, ct) => VerifyAsync(context, parse.GetValue(data), parse.GetValue(db), ct));
        return new Command("audit", "The tamper-evident audit log.") { verify };
    }

    private static async Task<int> VerifyAsync(CliContext context, string? data, string? db, CancellationToken cancellationToken)
    {
        DatabaseSettings settings;
        try
        {
            settings = DatabaseSettings.Parse(db, new ServerOptions { DataDirectory = data }.ResolvedDataDirectory);
        }
        catch (ArgumentException ex)
        {
            return context.Fail(ex.Message.Split(" (Parameter", 2)[0], ExitCodes.Usage);
        }

        if (settings.Provider == DatabaseProvider.Sqlite && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource))
        {
            return context.Fail($"no database at {settings.Describe()}; pass the installation's --data or --db");
        }

        AuditVerification result;
        try
        {
            VigilDbContext database = VigilDatabase.CreateContext(settings);
            await using (database.ConfigureAwait(false))
            {
                result = await AuditVerifier.VerifyAsync(database, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            return context.Fail($"cannot read the audit log from {settings.Describe()}: {ex.Message}");
        }

        if (result.IsIntact)
        {
            context.Out.MarkupLine($"[green]intact[/]: {result.Checked} audit entries checked ({Markup.Escape(settings.Describe())})");
            return ExitCodes.Success;
        }

        return context.Fail($"audit log broken at entry #{result.BrokenAt}: {result.Problem} ({result.Checked} entries before it are intact)");
    }
}

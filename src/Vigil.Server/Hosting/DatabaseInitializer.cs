using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Configuration;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Domain.Users;
using Vigil.Server.Auth;
using Vigil.Server.Dispatch;
using Vigil.Server.Persistence;

namespace Vigil.Server.Hosting;

/// <summary>
/// Runs first, before anything listens: brings the database to the current schema and, on the very
/// first run, creates the admin (password from <c>VIGIL_ADMIN_PASSWORD</c>, else generated and
/// printed once on standard output, never logged).
/// </summary>
internal sealed class DatabaseInitializer(
    VigilDbContextFactory contexts,
    AuditLog audit,
    DispatchService dispatch,
    VigilConfig config,
    IOptions<ServerOptions> options,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public const string AdminUserName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ServerLog.Database(logger, contexts.Settings.Describe());
        await VigilDatabase.MigrateAsync(contexts.Settings, cancellationToken).ConfigureAwait(false);
        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            await dispatch.SeedUnitsAsync(db, cancellationToken).ConfigureAwait(false);
            await RecordConfigurationAsync(db, cancellationToken).ConfigureAwait(false);
            if (await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            string? password = options.Value.AdminPassword;
            bool generated = string.IsNullOrEmpty(password);
            if (generated)
            {
                password = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(15));
            }
            else if (Passwords.Check(password) is { } problem)
            {
                throw new OptionsValidationException(nameof(ServerOptions.AdminPassword), typeof(ServerOptions), [$"VIGIL_ADMIN_PASSWORD: {problem}"]);
            }

            UserRecord admin = Users.Create(AdminUserName, password!, [Roles.Admin], clock.GetUtcNow());
            db.Users.Add(admin);
            await audit.SaveWithAsync(db, "system", AuditActions.UserCreated, $"user/{admin.Id}", $"{AdminUserName}: {Roles.Admin} (first run)", cancellationToken).ConfigureAwait(false);
            if (generated)
            {
                await Console.Out.WriteLineAsync(
                    $"vigil: first run: created user '{AdminUserName}' with password {password} (shown once; set VIGIL_ADMIN_PASSWORD to choose it)").ConfigureAwait(false);
            }
            else
            {
                await Console.Out.WriteLineAsync($"vigil: first run: created user '{AdminUserName}' with the password from VIGIL_ADMIN_PASSWORD").ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The configuration is a file: each start that runs a different one than last time is a
    /// configuration change, recorded with the file's SHA-256 (the file itself stays with the operator).
    /// </summary>
    private async Task RecordConfigurationAsync(VigilDbContext db, CancellationToken cancellationToken)
    {
        string path = options.Value.ResolvedConfigPath;
        string hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)));
        string detail = $"sha256 {hash}: {config.Cameras.Count} camera(s), {config.Units.Count} unit(s) from {Path.GetFileName(path)}";
        string? last = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.ConfigurationLoaded)
            .OrderByDescending(e => e.Sequence).Select(e => e.Detail).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (last is null || !last.StartsWith($"sha256 {hash}", StringComparison.Ordinal))
        {
            await audit.AppendAsync(db, "system", AuditActions.ConfigurationLoaded, "configuration", detail, cancellationToken).ConfigureAwait(false);
        }
    }
}

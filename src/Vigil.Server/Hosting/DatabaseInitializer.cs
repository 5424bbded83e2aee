using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
}

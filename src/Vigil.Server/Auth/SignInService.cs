using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Server.Hosting;

namespace Vigil.Server.Auth;

/// <summary>
/// Checks user name and password and keeps the lockout: after a number of consecutive wrong
/// passwords the account is locked for some minutes, whoever tries. A wrong user name and a wrong
/// password get the same answer.
/// </summary>
internal sealed class SignInService(IDbContextFactory<VigilDbContext> contexts, AuditLog audit, IOptions<ServerOptions> options, TimeProvider clock)
{
    private const string Wrong = "The user name or password is wrong.";

    public async Task<SignInOutcome> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        string normalized = Users.Normalize(userName);
        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            UserRecord? user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                // What was typed is not recorded: a password typed into the name field must not end up in the log.
                await audit.AppendAsync(db, "unknown", AuditActions.SignInFailed, null, "no such user name", cancellationToken).ConfigureAwait(false);
                return new SignInOutcome(null, Wrong);
            }

            DateTimeOffset now = clock.GetUtcNow();
            if (user.LockedUntil is { } until && until > now)
            {
                await audit.AppendAsync(db, user.UserName, AuditActions.SignInFailed, null, "account locked", cancellationToken).ConfigureAwait(false);
                return new SignInOutcome(null, $"Too many wrong passwords: the account is locked until {until:HH:mm:ss} UTC.");
            }

            if (!Passwords.Verify(user, password, out bool rehash))
            {
                user.FailedSignIns++;
                if (user.FailedSignIns >= options.Value.LockoutAfterFailures)
                {
                    user.LockedUntil = now.AddMinutes(options.Value.LockoutMinutes);
                    user.FailedSignIns = 0;
                }

                await audit.SaveWithAsync(db, user.UserName, AuditActions.SignInFailed, null, user.LockedUntil is null ? "wrong password" : "wrong password; account locked", cancellationToken).ConfigureAwait(false);
                return new SignInOutcome(null, Wrong);
            }

            if (user.Disabled)
            {
                await audit.AppendAsync(db, user.UserName, AuditActions.SignInFailed, null, "account disabled", cancellationToken).ConfigureAwait(false);
                return new SignInOutcome(null, "This account is disabled.");
            }

            user.FailedSignIns = 0;
            user.LockedUntil = null;
            if (rehash)
            {
                user.PasswordHash = Passwords.Hash(user, password);
            }

            await audit.SaveWithAsync(db, user.UserName, AuditActions.SignIn, null, null, cancellationToken).ConfigureAwait(false);
            return new SignInOutcome(user, null);
        }
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Server.Hosting;

namespace Vigil.Server.Auth;

/// <summary>
/// Checks user name and password, keeps the lockout and begins a server-side session. After a number
/// of consecutive wrong passwords the account is locked for some minutes, whoever tries. Nothing in
/// the answer or its timing tells an unknown user name from a known one: the same words, and a
/// password check against a dummy hash when there is no user; a locked account answers the same as a
/// wrong password. Every failure is audited with the client's address.
/// </summary>
internal sealed class SignInService(IDbContextFactory<VigilDbContext> contexts, AuditLog audit, IOptions<ServerOptions> options, TimeProvider clock)
{
    public async Task<SignInOutcome> SignInAsync(string userName, string password, IPAddress? client, CancellationToken cancellationToken)
    {
        string wrong = $"The user name or password is wrong. After {options.Value.LockoutAfterFailures} wrong passwords in a row an account is locked for {options.Value.LockoutMinutes} minutes.";
        string from = $"from {client?.ToString() ?? "an unknown address"}";
        string normalized = Users.Normalize(userName);
        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            UserRecord? user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                // As long as a real check; what was typed is not recorded (a password typed into the name field must not end up in the log).
                Passwords.VerifyNothing(password);
                await audit.AppendAsync(db, Principals.Anonymous, AuditActions.SignInFailed, null, $"no such user name; {from}", cancellationToken).ConfigureAwait(false);
                return new SignInOutcome(null, null, wrong);
            }

            DateTimeOffset now = clock.GetUtcNow();
            bool right = Passwords.Verify(user, password, out bool rehash);
            if (user.LockedUntil is { } until && until > now)
            {
                await audit.AppendAsync(db, user.UserName, AuditActions.SignInFailed, null, $"account locked until {until:HH:mm:ss} UTC; {from}", cancellationToken).ConfigureAwait(false);
                return new SignInOutcome(null, null, wrong);
            }

            if (!right)
            {
                user.FailedSignIns++;
                if (user.FailedSignIns >= options.Value.LockoutAfterFailures)
                {
                    user.LockedUntil = now.AddMinutes(options.Value.LockoutMinutes);
                    user.FailedSignIns = 0;
                }

                await audit.SaveWithAsync(db, user.UserName, AuditActions.SignInFailed, null, (user.LockedUntil is null ? "wrong password" : "wrong password; account locked") + $"; {from}", cancellationToken).ConfigureAwait(false);
                return new SignInOutcome(null, null, wrong);
            }

            if (user.Disabled)
            {
                await audit.AppendAsync(db, user.UserName, AuditActions.SignInFailed, null, $"account disabled; {from}", cancellationToken).ConfigureAwait(false);
                return new SignInOutcome(null, null, "This account is disabled.");
            }

            user.FailedSignIns = 0;
            user.LockedUntil = null;
            if (rehash)
            {
                user.PasswordHash = Passwords.Hash(user, password);
            }

            string session = UserDirectory.AddSession(db, user, client, now);
            await audit.SaveWithAsync(db, user.UserName, AuditActions.SignIn, $"session/{session}", from, cancellationToken).ConfigureAwait(false);
            return new SignInOutcome(user, session, null);
        }
    }
}

using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Users;
using Vigil.Server.Api;
using Vigil.Server.Auth;
using Vigil.Server.Components;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Components;

/// <summary>An open console loses its session when the user is disabled, re-roled or given a new password.</summary>
public sealed class SessionRevalidatorTests() : HostedServerTest
{
    [Fact]
    public async Task ASession_StaysValid_UntilTheAdminChangesTheUser()
    {
        UserRecord user = Users.Create("rita", "a-long-test-password", [Roles.Operator], TimeProvider.System.GetUtcNow());
        string sessionId;
        await using (VigilDbContext db = Factory.OpenDatabase())
        {
            db.Users.Add(user);
            sessionId = UserDirectory.AddSession(db, user, null, TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync();
        }

        ClaimsPrincipal session = UserDirectory.CreatePrincipal(user, AuthSchemes.Cookie, sessionId: sessionId);
        ClaimsPrincipal withoutRecord = UserDirectory.CreatePrincipal(user, AuthSchemes.Cookie, sessionId: "0123456789abcdef0123456789abcdef");
        var revalidator = new SessionRevalidator(NullLoggerFactory.Instance, Factory.Services.GetRequiredService<UserDirectory>());
        UserAdmin admin = Factory.Services.GetRequiredService<UserAdmin>();
        ClaimsPrincipal adminUser = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.NameIdentifier, "not-rita")], "test"));

        Assert.True(await revalidator.IsCurrentAsync(session, CancellationToken.None));
        Assert.False(await revalidator.IsCurrentAsync(withoutRecord, CancellationToken.None));

        Outcome<Vigil.Server.Api.Contracts.UserDto> changed = await admin.SetRolesAsync(user.Id, [Roles.Dispatcher], adminUser, CancellationToken.None);

        Assert.NotNull(changed.Value);
        Assert.False(await revalidator.IsCurrentAsync(session, CancellationToken.None));
        Assert.False(await revalidator.IsCurrentAsync(new ClaimsPrincipal(new ClaimsIdentity()), CancellationToken.None));
    }
}

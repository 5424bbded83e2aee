using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Vigil.Server.Auth;

namespace Vigil.Server.Live;

/// <summary>
/// <c>/hubs/ops</c>: the live push to operator consoles and integrations. Clients only listen:
/// <see cref="OpsPush.AlertMethod"/> and <see cref="OpsPush.CameraMethod"/> (incidents and units later).
/// A connection ends when its session or token stops holding (<see cref="SessionWatch"/>).
/// </summary>
[Authorize(Policy = Policies.ViewOperations)]
internal sealed class OpsHub(SessionWatch sessions) : Hub
{
    private static readonly object s_watchKey = new();

    public override Task OnConnectedAsync()
    {
        HubCallerContext context = Context;
        context.Items[s_watchKey] = sessions.Watch(context.User!, context.Abort);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(s_watchKey, out object? watch))
        {
            ((IDisposable)watch!).Dispose();
        }

        return base.OnDisconnectedAsync(exception);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Vigil.Server.Auth;

namespace Vigil.Server.Live;

/// <summary>
/// <c>/hubs/ops</c>: the live push to operator consoles and integrations. Clients only listen:
/// <see cref="OpsPush.AlertMethod"/> and <see cref="OpsPush.CameraMethod"/> (incidents and units later).
/// </summary>
[Authorize(Policy = Policies.ViewOperations)]
internal sealed class OpsHub : Hub;

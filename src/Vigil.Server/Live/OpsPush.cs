using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Vigil.Domain.Dispatch;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Hosting;

namespace Vigil.Server.Live;

/// <summary>
/// Sends what changed to every connected client: SignalR clients through <c>/hubs/ops</c>, and the
/// console's server-side components through <see cref="Changed"/>. A failed send is logged, never
/// thrown at the caller.
/// </summary>
internal sealed class OpsPush(IHubContext<OpsHub> hub, IOptions<ServerOptions> options, ILogger<OpsPush> logger)
{
    public const string AlertMethod = "alert";
    public const string CameraMethod = "camera";
    public const string IncidentMethod = "incident";
    public const string UnitMethod = "unit";
    public const string SensorMethod = "sensor";

    /// <summary>
    /// Raised with each message (<see cref="AlertPush"/>, <see cref="CameraStateDto"/>,
    /// <see cref="IncidentDto"/>, <see cref="UnitDto"/> or <see cref="SensorStateDto"/>) after it is stored. Handlers must return at
    /// once (hand the work to their own dispatcher); an exception from one is logged and ignored.
    /// </summary>
    public event Action<object>? Changed;

    public Task IncidentAsync(Incident incident, CancellationToken cancellationToken) =>
        SendAsync(IncidentMethod, IncidentDto.From(incident, options.Value.Targets), cancellationToken);

    public Task UnitAsync(UnitState unit, CancellationToken cancellationToken) => SendAsync(UnitMethod, UnitDto.From(unit), cancellationToken);

    public Task AlertAsync(AlertPush message, CancellationToken cancellationToken) => SendAsync(AlertMethod, message, cancellationToken);

    public Task CameraAsync(CameraStateDto message, CancellationToken cancellationToken) => SendAsync(CameraMethod, message, cancellationToken);

    public Task SensorAsync(SensorStateDto message, CancellationToken cancellationToken) => SendAsync(SensorMethod, message, cancellationToken);

    private async Task SendAsync(string method, object message, CancellationToken cancellationToken)
    {
        foreach (Action<object> handler in Changed?.GetInvocationList().Cast<Action<object>>() ?? [])
        {
            try
            {
                handler(message);
            }
            catch (Exception ex)
            {
                ServerLog.PushFailed(logger, ex, method);
            }
        }

        try
        {
            await hub.Clients.All.SendAsync(method, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ServerLog.PushFailed(logger, ex, method);
        }
    }
}

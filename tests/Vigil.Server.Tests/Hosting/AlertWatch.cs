using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace Vigil.Server.Tests.Hosting;

/// <summary>An operator's live push, started: every <c>alert</c> message it receives, in order.</summary>
internal sealed class AlertWatch(HubConnection hub, ChannelReader<JsonElement> alerts) : IAsyncDisposable
{
    public ChannelReader<JsonElement> Alerts { get; } = alerts;

    public ValueTask DisposeAsync() => hub.DisposeAsync();
}

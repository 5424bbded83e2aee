namespace Vigil.Server.Mqtt;

/// <summary>One message for the broker: its topic, its JSON (or plain) payload, whether the broker keeps it for new subscribers.</summary>
internal sealed record MqttOutbound(string Topic, byte[] Payload, bool Retain);

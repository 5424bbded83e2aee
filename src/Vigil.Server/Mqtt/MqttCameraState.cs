namespace Vigil.Server.Mqtt;

/// <summary>A camera's pipeline state as retained on <c>PREFIX/cameras/ID/state</c> (<c>live</c>, <c>stalled</c>, <c>reconnecting</c>, …) and why.</summary>
internal sealed record MqttCameraState(string CameraId, string Name, string State, string? Reason, DateTimeOffset Since);

namespace Vigil.Server.Alerts;

/// <summary>How many alerts one camera's rule raised over a period.</summary>
internal sealed record AlertVolume(string CameraId, string RuleId, int Count);

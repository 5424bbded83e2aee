namespace Vigil.Domain.Alerts;

/// <summary>An alert as it is after a change, for storage and live push.</summary>
public sealed record AlertChange(AlertChangeKind Kind, Alert Alert);

namespace Vigil.Domain.Alerts;

/// <summary>What happened to an alert.</summary>
public enum AlertChangeKind
{
    Opened,
    Updated,
    Ended,
    Acknowledged,
    Dismissed,
    Escalated,
}

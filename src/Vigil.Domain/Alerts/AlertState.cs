namespace Vigil.Domain.Alerts;

/// <summary>An alert's lifecycle: new → acknowledged → dismissed | escalated (the last two are final).</summary>
public enum AlertState
{
    New,
    Acknowledged,
    Dismissed,
    Escalated,
}

namespace Vigil.Domain.Dispatch;

/// <summary>Where an incident is (see <see cref="IncidentLifecycle"/>).</summary>
public enum IncidentStatus
{
    New,
    Dispatched,
    OnScene,
    Resolved,
    Closed,
    Cancelled,
}

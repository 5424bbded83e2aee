namespace Vigil.Domain.Alerts;

/// <summary>An operator action that the alert's state does not allow (e.g. acknowledging a dismissed alert).</summary>
public sealed class AlertTransitionException : Exception
{
    public AlertTransitionException()
    {
    }

    public AlertTransitionException(string message)
        : base(message)
    {
    }

    public AlertTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

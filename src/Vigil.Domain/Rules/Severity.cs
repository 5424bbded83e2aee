namespace Vigil.Domain.Rules;

/// <summary>How urgent an alert is.</summary>
public enum Severity
{
    Info,
    Warning,
    Critical,
}

using Vigil.Server.Api.Contracts;

namespace Vigil.Server.Alerts;

/// <summary>The result of an operator action: the alert now, or why the action did not happen.</summary>
internal sealed record AlertActionOutcome(AlertDto? Alert, bool Missing, string? ConflictReason)
{
    public static AlertActionOutcome NotFound { get; } = new(null, true, null);

    public static AlertActionOutcome Done(AlertDto alert) => new(alert, false, null);

    public static AlertActionOutcome Conflict(string reason) => new(null, false, reason);
}

using Vigil.Domain.Users;

namespace Vigil.Domain.Evidence;

/// <summary>
/// Dual control (DESIGN.md §1, ADR 017): what leaves the centre or lifts a protection is asked for by one
/// person with a reason and decided by another, independent one. The requester never decides their own
/// request, only an auditor decides, and an admin never does (whoever manages accounts could otherwise
/// make the second person). Each rule answers why a step is refused, or null when it may go ahead.
/// </summary>
public static class DualControl
{
    public const int MinReasonLength = 10;
    public const int MaxTextLength = 1000;

    /// <summary>Why this reason cannot go to an auditor, or null.</summary>
    public static string? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < MinReasonLength
            ? $"required: say why, in words an auditor can judge (at least {MinReasonLength} characters)"
            : reason.Length > MaxTextLength ? $"at most {MaxTextLength} characters" : null;

    /// <summary>Why the decider may not decide this request, or null.</summary>
    public static string? CheckDecider(string requesterId, string deciderId, IReadOnlyCollection<string> deciderRoles)
    {
        ArgumentNullException.ThrowIfNull(deciderRoles);
        if (string.Equals(requesterId, deciderId, StringComparison.Ordinal))
        {
            return "nobody decides their own request: a second person does (dual control)";
        }

        if (deciderRoles.Contains(Roles.Admin))
        {
            return "an admin never decides a request: whoever manages accounts could make the second person (separation of duties)";
        }

        return deciderRoles.Contains(Roles.Auditor)
            ? null
            : "only an auditor decides a request: oversight is independent of operations";
    }

    /// <summary>Why a request in this state cannot be decided, or null.</summary>
    public static string? CheckOpen(ApprovalState state) => state switch
    {
        ApprovalState.Pending => null,
        ApprovalState.Approved => "this request was already approved; a decision is never changed",
        _ => "this request was already refused; a decision is never changed (the requester may file a new one)",
    };
}

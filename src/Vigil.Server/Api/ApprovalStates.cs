using Vigil.Domain.Evidence;

namespace Vigil.Server.Api;

/// <summary>The <c>state</c> filter of the dual-control lists (evidence and unmask requests).</summary>
internal static class ApprovalStates
{
    /// <summary>The state a query names (null for none), or the problem to answer with.</summary>
    public static IResult? TryParse(string? text, out ApprovalState? state)
    {
        state = null;
        if (text is null)
        {
            return null;
        }

        if (!Enum.TryParse(text, ignoreCase: true, out ApprovalState parsed) || !Enum.IsDefined(parsed) || int.TryParse(text, out _))
        {
            return Problems.Invalid("state", "one of pending, approved, refused");
        }

        state = parsed;
        return null;
    }
}

namespace Vigil.Domain.Users;

/// <summary>
/// Separation of duties (ADR 014): who manages accounts never watches video or audits, oversight is
/// independent of operations, a machine identity is nothing else, nobody changes their own roles, and
/// an API token is made by the person it acts as (an admin makes tokens for machine identities only).
/// Each rule answers why a request is refused, or null when it may go ahead.
/// </summary>
public static class DutySeparation
{
    /// <summary>The roles that see video, alerts, incidents or units.</summary>
    public static IReadOnlyList<string> Operational { get; } = [Roles.Operator, Roles.Dispatcher, Roles.Supervisor];

    /// <summary>Roles held by machines, which sign in with API tokens only.</summary>
    public static IReadOnlyList<string> Machine { get; } = [Roles.Sensor];

    /// <summary>Why this set of roles may not be held by one account, or null.</summary>
    public static string? CheckRoles(IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Contains(Roles.Admin) && roles.Count > 1)
        {
            return "the admin role is held alone: whoever manages accounts watches no video and reads no audit log (separation of duties)";
        }

        if (roles.Contains(Roles.Auditor) && roles.Any(Operational.Contains))
        {
            return "the auditor role cannot be combined with operator, dispatcher or supervisor: oversight is independent of operations";
        }

        if (roles.Any(Machine.Contains) && roles.Count > 1)
        {
            return "a machine identity (sensor) holds no other role";
        }

        return null;
    }

    /// <summary>Why the caller may not change this account's roles, or null.</summary>
    public static string? CheckRoleChange(string callerId, string targetId) =>
        string.Equals(callerId, targetId, StringComparison.Ordinal)
            ? "nobody changes their own roles; another admin can"
            : null;

    /// <summary>Why the caller may not create an API token acting as the target account, or null.</summary>
    public static string? CheckTokenIssuer(string callerId, string targetId, IReadOnlyCollection<string> targetRoles)
    {
        ArgumentNullException.ThrowIfNull(targetRoles);
        if (string.Equals(callerId, targetId, StringComparison.Ordinal))
        {
            return null;
        }

        return IsMachine(targetRoles)
            ? null
            : "an API token is created by the user it acts as (POST /api/me/tokens while signed in); an admin creates tokens only for machine identities such as sensors";
    }

    /// <summary>Whether the account is a machine identity (every role it holds is a machine role).</summary>
    public static bool IsMachine(IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return roles.Count > 0 && roles.All(Machine.Contains);
    }

    /// <summary>
    /// The roles an account acts with: a stored set that breaks the rules (written before they existed,
    /// or straight into the database) grants nothing but the safest part of it, so no such row can be
    /// used to get around them.
    /// </summary>
    public static IReadOnlyList<string> Effective(IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (CheckRoles(roles) is null)
        {
            return roles;
        }

        return roles.Contains(Roles.Admin) ? [Roles.Admin] : [];
    }
}

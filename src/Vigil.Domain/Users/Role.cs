namespace Vigil.Domain.Users;

/// <summary>
/// What a person may do (DESIGN.md §2). Roles are separate on purpose: the admin manages users but
/// holds no auditor rights, and nobody gets a role by default.
/// </summary>
public enum Role
{
    /// <summary>Watches the redacted camera wall and the alert queue; confirms or dismisses alerts.</summary>
    Operator,

    /// <summary>Assigns units to incidents and tracks them to closure.</summary>
    Dispatcher,

    /// <summary>Configures cameras, zones, rules and units; sees response-time metrics.</summary>
    Supervisor,

    /// <summary>Independent oversight: reads and verifies the audit log.</summary>
    Auditor,

    /// <summary>Users, roles and API tokens.</summary>
    Admin,

    /// <summary>A machine identity that may only post readings for its sensors; signs in with API tokens only.</summary>
    Sensor,
}

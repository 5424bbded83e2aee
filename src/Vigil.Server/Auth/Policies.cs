using Microsoft.AspNetCore.Authorization;
using Vigil.Domain.Users;

namespace Vigil.Server.Auth;

/// <summary>
/// Who may do what, by role (DESIGN.md §2). Every endpoint names one of these; the auth matrix test
/// checks each against every role, so nothing is open by accident.
/// </summary>
internal static class Policies
{
    /// <summary>Anyone signed in, whatever their role (their own profile, the API description).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Camera list and states, alerts and their redacted snapshots, the live push.</summary>
    public const string ViewOperations = "view-operations";

    /// <summary>Acknowledge, dismiss and escalate alerts.</summary>
    public const string HandleAlerts = "handle-alerts";

    /// <summary>Redacted live video: the operators' camera wall.</summary>
    public const string WatchLive = "watch-live";

    /// <summary>Open incidents (from alerts or calls) and add to their narrative.</summary>
    public const string HandleIncidents = "handle-incidents";

    /// <summary>Assign units, move units and incidents through their statuses.</summary>
    public const string Dispatch = "dispatch";

    /// <summary>Public warnings (CAP): compose, update, cancel.</summary>
    public const string PublishWarnings = "publish-warnings";

    /// <summary>Export one incident (NENA EIDO) for a neighbouring agency.</summary>
    public const string ExportIncidents = "export-incidents";

    /// <summary>Taking in an incident a neighbouring agency hands over (NENA EIDO).</summary>
    public const string ImportIncidents = "import-incidents";

    /// <summary>Ask for an incident's evidence package and download it once an auditor approved (dual control).</summary>
    public const string ExportEvidence = "export-evidence";

    /// <summary>See evidence requests and their decisions (no pixels): the supervisors who ask, the auditors who decide.</summary>
    public const string ViewEvidenceRequests = "view-evidence-requests";

    /// <summary>Ask to see a camera's originals for a range of an incident, and watch them once an auditor approved (dual control, issue 22).</summary>
    public const string RequestUnmask = "request-unmask";

    /// <summary>See unmask requests and their decisions (no pixels): who may ask, and the auditors who decide.</summary>
    public const string ViewUnmaskRequests = "view-unmask-requests";

    /// <summary>Approve or refuse requests that need a second person (dual control): auditors only, never the requester.</summary>
    public const string DecideRequests = "decide-requests";

    /// <summary>Post readings of the sensor the account is named after: machine identities only.</summary>
    public const string PostReadings = "post-readings";

    /// <summary>Response-time figures of the centre.</summary>
    public const string ViewResponseTimes = "view-response-times";

    /// <summary>Users, roles and API tokens.</summary>
    public const string ManageUsers = "manage-users";

    /// <summary>The audit log and its verification: independent oversight (DESIGN.md §2), not admins.</summary>
    public const string ReadAudit = "read-audit";

    /// <summary>Prometheus metrics.</summary>
    public const string ReadMetrics = "read-metrics";

    /// <summary>The roles each policy admits.</summary>
    public static IReadOnlyDictionary<string, string[]> RolesByPolicy { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [ViewOperations] = [Roles.Operator, Roles.Dispatcher, Roles.Supervisor],
        [HandleAlerts] = [Roles.Operator, Roles.Supervisor],
        [WatchLive] = [Roles.Operator, Roles.Supervisor],
        [HandleIncidents] = [Roles.Operator, Roles.Dispatcher, Roles.Supervisor],
        [Dispatch] = [Roles.Dispatcher, Roles.Supervisor],
        [ViewResponseTimes] = [Roles.Supervisor],
        [PublishWarnings] = [Roles.Supervisor],
        [ExportIncidents] = [Roles.Dispatcher, Roles.Supervisor],
        [ImportIncidents] = [Roles.Dispatcher, Roles.Supervisor],
        [ExportEvidence] = [Roles.Supervisor],
        [ViewEvidenceRequests] = [Roles.Supervisor, Roles.Auditor],
        [DecideRequests] = [Roles.Auditor],
        [RequestUnmask] = [Roles.Operator, Roles.Supervisor],
        [ViewUnmaskRequests] = [Roles.Operator, Roles.Supervisor, Roles.Auditor],
        [PostReadings] = [Roles.Sensor],
        [ManageUsers] = [Roles.Admin],
        [ReadMetrics] = [Roles.Supervisor, Roles.Admin],
        [ReadAudit] = [Roles.Auditor],
    };

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        foreach ((string name, string[] roles) in RolesByPolicy)
        {
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        // An endpoint that forgets to say who may call it is closed, not open.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}

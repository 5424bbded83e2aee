using System.Diagnostics.CodeAnalysis;

namespace Vigil.Domain.Users;

/// <summary>Role names as they appear in claims, the API and the database: lower-case words.</summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Dispatcher = "dispatcher";
    public const string Supervisor = "supervisor";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
    public const string Sensor = "sensor";

    /// <summary>Every role, in the order of <see cref="Role"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [Operator, Dispatcher, Supervisor, Auditor, Admin, Sensor];

    public static string NameOf(Role role) => All[(int)role];

    /// <summary>Parses one role name (case-insensitive).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out string? role)
    {
        role = All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase));
        return role is not null;
    }
}

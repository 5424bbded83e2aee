using Vigil.Domain.Users;

namespace Vigil.Domain.Tests.Users;

public sealed class DutySeparationTests
{
    [Theory]
    [InlineData(new[] { Roles.Admin }, true)]
    [InlineData(new[] { Roles.Operator, Roles.Supervisor }, true)]
    [InlineData(new[] { Roles.Sensor }, true)]
    [InlineData(new[] { Roles.Admin, Roles.Supervisor }, false)]
    [InlineData(new[] { Roles.Admin, Roles.Auditor }, false)]
    [InlineData(new[] { Roles.Auditor, Roles.Dispatcher }, false)]
    [InlineData(new[] { Roles.Sensor, Roles.Operator }, false)]
    public void CheckRoles_SeparatesAdminOversightAndMachines(string[] roles, bool allowed) =>
        Assert.Equal(allowed, DutySeparation.CheckRoles(roles) is null);

    [Fact]
    public void CheckRoleChange_OfOneself_IsRefused()
    {
        Assert.NotNull(DutySeparation.CheckRoleChange("a", "a"));
        Assert.Null(DutySeparation.CheckRoleChange("a", "b"));
    }

    [Fact]
    public void CheckTokenIssuer_AllowsOneselfAndMachinesOnly()
    {
        Assert.Null(DutySeparation.CheckTokenIssuer("a", "a", [Roles.Supervisor]));
        Assert.Null(DutySeparation.CheckTokenIssuer("admin", "gauge", [Roles.Sensor]));
        Assert.NotNull(DutySeparation.CheckTokenIssuer("admin", "sup", [Roles.Supervisor]));
    }

    [Fact]
    public void Effective_OfARowThatBreaksTheRules_KeepsOnlyTheSafestPart()
    {
        Assert.Equal([Roles.Admin], DutySeparation.Effective([Roles.Admin, Roles.Supervisor]));
        Assert.Empty(DutySeparation.Effective([Roles.Auditor, Roles.Operator]));
        Assert.Equal([Roles.Operator, Roles.Dispatcher], DutySeparation.Effective([Roles.Operator, Roles.Dispatcher]));
    }
}

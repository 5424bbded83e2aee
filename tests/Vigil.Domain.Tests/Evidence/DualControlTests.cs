using Vigil.Domain.Evidence;
using Vigil.Domain.Users;

namespace Vigil.Domain.Tests.Evidence;

public sealed class DualControlTests
{
    [Fact]
    public void OnlyAnotherPersonWhoIsAnAuditor_Decides()
    {
        Assert.Null(DualControl.CheckDecider("sup-1", "aud-1", [Roles.Auditor]));
        Assert.Contains("own request", DualControl.CheckDecider("aud-1", "aud-1", [Roles.Auditor]), StringComparison.Ordinal);
        Assert.Contains("admin never decides", DualControl.CheckDecider("sup-1", "adm-1", [Roles.Admin]), StringComparison.Ordinal);
        Assert.Contains("admin never decides", DualControl.CheckDecider("sup-1", "x", [Roles.Admin, Roles.Auditor]), StringComparison.Ordinal);
        Assert.Contains("only an auditor", DualControl.CheckDecider("sup-1", "sup-2", [Roles.Supervisor]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("   ", false)]
    [InlineData("because", false)]
    [InlineData("Court asked for the footage of the crash", true)]
    public void AReason_IsWordsAnAuditorCanJudge(string? reason, bool accepted)
    {
        Assert.Equal(accepted, DualControl.CheckReason(reason) is null);
        Assert.NotNull(DualControl.CheckReason(new string('x', DualControl.MaxTextLength + 1)));
    }

    [Fact]
    public void ADecision_IsFinal()
    {
        Assert.Null(DualControl.CheckOpen(ApprovalState.Pending));
        Assert.Contains("already approved", DualControl.CheckOpen(ApprovalState.Approved), StringComparison.Ordinal);
        Assert.Contains("already refused", DualControl.CheckOpen(ApprovalState.Refused), StringComparison.Ordinal);
    }
}

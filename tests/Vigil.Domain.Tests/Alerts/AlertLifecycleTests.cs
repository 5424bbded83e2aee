using Vigil.Domain.Alerts;

namespace Vigil.Domain.Tests.Alerts;

public sealed class AlertLifecycleTests
{
    [Theory]
    [InlineData(AlertState.New, AlertState.Acknowledged, true)]
    [InlineData(AlertState.New, AlertState.Dismissed, true)]
    [InlineData(AlertState.New, AlertState.Escalated, true)]
    [InlineData(AlertState.Acknowledged, AlertState.Dismissed, true)]
    [InlineData(AlertState.Acknowledged, AlertState.Escalated, true)]
    [InlineData(AlertState.Acknowledged, AlertState.Acknowledged, false)]
    [InlineData(AlertState.Dismissed, AlertState.Escalated, false)]
    [InlineData(AlertState.Escalated, AlertState.Dismissed, false)]
    [InlineData(AlertState.Dismissed, AlertState.New, false)]
    public void EnsureAllowed_FollowsTheLifecycle(AlertState from, AlertState to, bool allowed)
    {
        Exception? refused = Record.Exception(() => AlertLifecycle.EnsureAllowed("a1", from, to));

        Assert.Equal(allowed, refused is null);
        if (refused is not null)
        {
            Assert.IsType<AlertTransitionException>(refused);
            Assert.Contains($"is {AlertLifecycle.Name(from)}", refused.Message, StringComparison.Ordinal);
        }
    }
}

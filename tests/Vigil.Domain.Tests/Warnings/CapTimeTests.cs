using Vigil.Domain.Warnings;

namespace Vigil.Domain.Tests.Warnings;

public sealed class CapTimeTests
{
    [Fact]
    public void Utc_IsWrittenMinusZero_NeverZ_InWholeSeconds() =>
        Assert.Equal("2026-11-27T04:50:07-00:00", CapTime.Format(new DateTimeOffset(2026, 11, 27, 4, 50, 7, 900, TimeSpan.Zero)));

    [Fact]
    public void AnOffset_IsKept() =>
        Assert.Equal("2026-11-26T23:50:07-05:00", CapTime.Format(new DateTimeOffset(2026, 11, 26, 23, 50, 7, TimeSpan.FromHours(-5))));
}

namespace Vigil.Server.Tests.Hosting;

/// <summary>The real clock, moved forward when told: timers and cameras run in real time, and a test can jump past an expiry.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

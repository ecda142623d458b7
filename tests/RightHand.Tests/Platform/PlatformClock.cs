namespace RightHand.Tests.Platform;

/// <summary>
/// A clock the test moves by hand, for leases, back-off and expiry. Only "now" is manual: timers
/// (<see cref="TimeProvider.CreateTimer"/>) still run on real time, so a lease heartbeat does not fire
/// when the test jumps ahead.
/// </summary>
internal sealed class PlatformClock(DateTimeOffset start) : TimeProvider
{
    private long utcTicks = start.UtcTicks;

    public PlatformClock() : this(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)) { }

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref utcTicks, by.Ticks);
}

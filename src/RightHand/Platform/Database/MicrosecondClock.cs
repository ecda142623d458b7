namespace RightHand.Platform.Database;

/// <summary>
/// The app's clock: the system time cut to whole microseconds, the finest PostgreSQL stores (SQLite
/// keeps .NET's 100 ns ticks). A time written and read back is then the same value on both engines;
/// otherwise anything computed from the in-memory value, such as an audit entry's hash over its
/// time, no longer matches the row once it has been read from PostgreSQL.
/// </summary>
internal sealed class MicrosecondClock : TimeProvider
{
    public static readonly MicrosecondClock Instance = new();

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMicrosecond));
    }

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public override long TimestampFrequency => System.TimestampFrequency;

    public override long GetTimestamp() => System.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);
}

namespace RightHand.Tests.Infrastructure;

/// <summary>
/// A clock the test moves by hand (expiry, periods). It starts at the real time, because codes from
/// an authenticator app are computed from the real time too.
/// </summary>
public sealed class ManualClock(DateTimeOffset? start = null) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start ?? DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public void Advance(TimeSpan by)
    {
        lock (gate) now += by;
    }
}

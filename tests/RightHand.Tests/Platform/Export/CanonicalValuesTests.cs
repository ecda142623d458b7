using RightHand.Platform.Export;
using Xunit;

namespace RightHand.Tests.Platform.Export;

public sealed class CanonicalValuesTests
{
    [Fact]
    public void Time_IsUtcWithMicroseconds_AndKeepsASeventhDigitOnlyWhenThereIsOne()
    {
        var whole = new DateTime(2026, 11, 22, 9, 41, 46, DateTimeKind.Utc);

        Assert.Equal("2026-11-22T09:41:46.000000Z", CanonicalValues.Time(whole));
        Assert.Equal("2026-11-22T09:41:46.663956Z", CanonicalValues.Time(whole.AddTicks(6_639_560)));
        Assert.Equal("2026-11-22T09:41:46.6639561Z", CanonicalValues.Time(whole.AddTicks(6_639_561)));
    }
}

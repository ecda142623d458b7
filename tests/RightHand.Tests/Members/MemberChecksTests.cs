using System.Globalization;
using RightHand.Members;
using Xunit;

namespace RightHand.Tests.Members;

/// <summary>The register's own date reader accepts exactly what <c>DateOnly.TryParseExact(…, "yyyy-MM-dd")</c> accepts.</summary>
public sealed class MemberChecksTests
{
    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("1900-01-01")]
    [InlineData("0001-12-31")]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("2024-04-31")]
    [InlineData("2024-1-01")]
    [InlineData("24-01-01")]
    [InlineData(" 2024-01-01")]
    [InlineData("2024/01/01")]
    [InlineData("+024-01-01")]
    [InlineData("2024-01-0x")]
    [InlineData("２０２４-01-01")]
    [InlineData("0000-01-01")]
    [InlineData("")]
    public void IsoDate_IsReadAsTryParseExactReadsIt(string text)
    {
        var expected = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        Assert.Equal((expected, date), (MemberChecks.TryParseIsoDate(text, out var ours), ours));
    }
}

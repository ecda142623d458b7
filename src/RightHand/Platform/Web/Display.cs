using System.Globalization;

namespace RightHand.Platform.Web;

/// <summary>How times appear to people: in the business's time zone (Europe/Berlin), in the reader's culture.</summary>
internal static class Display
{
    private static readonly TimeZoneInfo Zone = FindZone();

    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>A time typed in Berlin wall-clock time, as UTC (an hour skipped by daylight saving counts as the hour after).</summary>
    public static DateTime Utc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }

    public static string Time(DateTime? utc) => utc is { } u ? Local(u).ToString("g", CultureInfo.CurrentCulture) : "—";

    public static string Date(DateTime? utc) => utc is { } u ? Local(u).ToString("d", CultureInfo.CurrentCulture) : "—";

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A figure with a fixed number of decimals (an average rating "4,3"), in the reader's culture.</summary>
    public static string Number(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }
}

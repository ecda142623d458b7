using System.Globalization;

namespace RightHand.Platform.Web;

/// <summary>How times appear to people: in the business's time zone (Europe/Berlin), in the reader's culture.</summary>
internal static class Display
{
    private static readonly TimeZoneInfo Zone = FindZone();

    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The UTC time of a time the person typed in local (Berlin) time.</summary>
    public static DateTime Utc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    public static string Time(DateTime? utc) => utc is { } u ? Local(u).ToString("g", CultureInfo.CurrentCulture) : "—";

    public static string Date(DateTime? utc) => utc is { } u ? Local(u).ToString("d", CultureInfo.CurrentCulture) : "—";

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }
}

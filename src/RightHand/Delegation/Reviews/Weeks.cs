using RightHand.Platform.Web;

namespace RightHand.Delegation.Reviews;

/// <summary>Calendar weeks as the business lives them: Monday to Sunday, Berlin time.</summary>
internal static class Weeks
{
    public static DateOnly StartOf(DateTime utc) => StartOf(DateOnly.FromDateTime(Display.Local(utc)));

    /// <summary>The Monday of a Berlin calendar day's week.</summary>
    public static DateOnly StartOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The last <paramref name="count"/> week starts, oldest first, ending with the week of <paramref name="nowUtc"/>.</summary>
    public static IReadOnlyList<DateOnly> Last(int count, DateTime nowUtc)
    {
        var current = StartOf(nowUtc);
        return [.. Enumerable.Range(0, count).Select(i => current.AddDays(-7 * (count - 1 - i)))];
    }

    /// <summary>The UTC instant a Berlin week starts, for database range queries.</summary>
    public static DateTime UtcStart(DateOnly weekStart) => Display.Utc(weekStart.ToDateTime(TimeOnly.MinValue));
}

using RightHand.Support.Sla;

namespace RightHand.Tests.Support.Sla;

/// <summary>Calendars the SLA tests share: office hours in Berlin, round-the-clock, and the instants they are read at.</summary>
internal static class SlaCalendars
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Monday to Friday 09:00–17:00 Berlin time, optionally with a state's holidays and extra closed dates.</summary>
    public static BusinessCalendar Office(FederalState? state = null, params DateOnly[] closed) =>
        new(Berlin, BusinessCalendar.OfficeHours, state, closed);

    public static BusinessCalendar Hours(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> hours, string zone = "Europe/Berlin") =>
        new(TimeZoneInfo.FindSystemTimeZoneById(zone), hours, null, []);

    public static Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> Every(params DayOfWeek[] days) => days.ToDictionary(d => d, _ => (IReadOnlyList<OpeningInterval>)[]);

    public static OpeningInterval Span(int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(new TimeSpan(fromHour, fromMinute, 0), new TimeSpan(toHour, toMinute, 0));

    /// <summary>Every day, around the clock.</summary>
    public static BusinessCalendar AllDay() =>
        Hours(Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<OpeningInterval>)[Span(0, 0, 24, 0)]));

    public static BusinessCalendar OnlySunday(OpeningInterval interval) =>
        Hours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> { [DayOfWeek.Sunday] = [interval] });

    public static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}

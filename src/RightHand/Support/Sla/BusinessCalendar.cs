using System.Collections.Concurrent;

namespace RightHand.Support.Sla;

/// <summary>One stretch of opening hours within a day, as wall-clock times; <see cref="End"/> may be 24:00 (midnight at the day's end).</summary>
internal readonly record struct OpeningInterval(TimeSpan Start, TimeSpan End)
{
    public static readonly TimeSpan EndOfDay = TimeSpan.FromHours(24);

    public bool IsWellFormed => Start >= TimeSpan.Zero && End <= EndOfDay && End > Start;
}

/// <summary>
/// When the support desk is open: opening hours per weekday in a time zone, minus the public holidays of a federal
/// state and the owner's extra closed dates. Pure: the same calendar gives the same answers at any time.
/// Opening hours are wall-clock times, so a day on which the clocks change is an hour shorter or longer in real
/// time: an interval that starts in the skipped hour starts when the clocks jump, one that ends in the repeated hour
/// ends at its second occurrence.
/// </summary>
internal sealed class BusinessCalendar
{
    /// <summary>How far ahead any walk over the calendar goes before it gives up: a due time further out is a setting error.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(3 * 366);

    public const string DefaultTimeZoneId = "Europe/Berlin";

    private readonly Dictionary<DayOfWeek, OpeningInterval[]> hours;
    private readonly HashSet<DateOnly> closedDates;
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> holidays = new();

    /// <exception cref="ArgumentException">An interval is malformed, intervals of a day overlap, or the week has no opening hours at all.</exception>
    public BusinessCalendar(TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> openingHours, FederalState? state,
        IEnumerable<DateOnly> closedDates)
    {
        Zone = zone;
        State = state;
        hours = Enum.GetValues<DayOfWeek>().ToDictionary(d => d,
            d => openingHours.TryGetValue(d, out var list) ? list.OrderBy(i => i.Start).ToArray() : []);
        foreach (var (day, list) in hours)
        {
            if (list.Any(i => !i.IsWellFormed)) throw new ArgumentException($"An opening interval on {day} does not end after it starts within the day.", nameof(openingHours));
            if (list.Zip(list.Skip(1)).Any(p => p.Second.Start < p.First.End)) throw new ArgumentException($"The opening intervals on {day} overlap.", nameof(openingHours));
        }
        // Without a single open hour every walk would run to the horizon and no due time could ever be given.
        if (hours.Values.All(l => l.Length == 0)) throw new ArgumentException("The calendar has no opening hours in the week.", nameof(openingHours));
        this.closedDates = [.. closedDates];
    }

    public TimeZoneInfo Zone { get; }
    public FederalState? State { get; }
    public IReadOnlyList<OpeningInterval> HoursOn(DayOfWeek day) => hours[day];
    public IReadOnlyCollection<DateOnly> ClosedDates => closedDates;

    /// <summary>Monday to Friday, 09:00 to 17:00, Berlin time, no state holidays: what a new installation starts with.</summary>
    public static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> OfficeHours { get; } =
        Enum.GetValues<DayOfWeek>().ToDictionary(d => d, IReadOnlyList<OpeningInterval> (d) =>
            d is DayOfWeek.Saturday or DayOfWeek.Sunday ? [] : [new(TimeSpan.FromHours(9), TimeSpan.FromHours(17))]);

    /// <summary>Whether the desk is closed all day on a local date: a public holiday of the state or an extra closed date.</summary>
    public bool IsClosedDay(DateOnly date) => closedDates.Contains(date) || (State is { } s && holidays.GetOrAdd(date.Year,
        y => [.. GermanHolidays.Of(y, s).Select(h => h.Date)]).Contains(date));

    public bool IsOpen(DateTime utc)
    {
        var at = AsUtc(utc);
        foreach (var (start, _) in OpenPeriods(at)) return start <= at;
        return false;
    }

    /// <summary>The instant at which <paramref name="duration"/> of business time has passed after <paramref name="startUtc"/>.</summary>
    /// <exception cref="InvalidOperationException">The calendar does not hold that much business time within <see cref="Horizon"/>.</exception>
    public DateTime AddBusinessTime(DateTime startUtc, TimeSpan duration)
    {
        var start = AsUtc(startUtc);
        if (duration <= TimeSpan.Zero) return start;
        var left = duration;
        foreach (var (from, to) in OpenPeriods(start))
        {
            var available = to - from;
            if (left <= available) return from + left;
            left -= available;
        }
        throw new InvalidOperationException($"The calendar holds less than {duration.TotalHours:0.##} business hours in the {Horizon.Days} days after {start:O}.");
    }

    /// <summary>The business time between two instants (zero when <paramref name="bUtc"/> is not after <paramref name="aUtc"/>).</summary>
    public TimeSpan BusinessTimeBetween(DateTime aUtc, DateTime bUtc)
    {
        var (a, b) = (AsUtc(aUtc), AsUtc(bUtc));
        if (b <= a) return TimeSpan.Zero;
        if (b - a > Horizon) throw new ArgumentOutOfRangeException(nameof(bUtc), $"Business time is counted over at most {Horizon.Days} days.");
        var total = TimeSpan.Zero;
        foreach (var (from, to) in OpenPeriods(a))
        {
            if (from >= b) break;
            total += (to < b ? to : b) - from;
        }
        return total;
    }

    /// <summary>
    /// The open periods (UTC) from <paramref name="fromUtc"/> on, the first one cut to start there, until <see cref="Horizon"/>.
    /// Back-to-back intervals (an evening until 24:00 and the next morning from 00:00) come as separate periods.
    /// </summary>
    public IEnumerable<(DateTime Start, DateTime End)> OpenPeriods(DateTime fromUtc)
    {
        var from = AsUtc(fromUtc);
        var until = from + Horizon;
        // A period of the previous local day may still be running (an interval until 24:00 across a time zone's offset).
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(from, Zone)).AddDays(-1);
        for (var day = date; ; day = day.AddDays(1))
        {
            var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            if (ToUtc(midnight, earliest: true) > until) yield break;
            if (IsClosedDay(day)) continue;
            foreach (var interval in hours[day.DayOfWeek])
            {
                var start = ToUtc(midnight + interval.Start, earliest: true);
                var end = ToUtc(midnight + interval.End, earliest: false);
                if (end <= from || end <= start) continue;
                yield return (start < from ? from : start, end);
            }
        }
    }

    /// <summary>
    /// A wall-clock time as UTC. In the hour the clocks skip, the time the clocks jump to; in the hour they repeat,
    /// its first occurrence for a start and its second for an end, so that the repeated hour counts.
    /// </summary>
    private DateTime ToUtc(DateTime local, bool earliest)
    {
        var time = local;
        // Gaps are whole minutes in every zone in use, so stepping by minutes reaches the time the clocks jump to.
        for (var i = 0; Zone.IsInvalidTime(time) && i < 24 * 60; i++) time = time.AddMinutes(1);
        if (Zone.IsAmbiguousTime(time))
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(time);
            return DateTime.SpecifyKind(time - (earliest ? offsets.Max() : offsets.Min()), DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(time, Zone);
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new ArgumentException("Pass instants as UTC.", nameof(value)),
    };
}

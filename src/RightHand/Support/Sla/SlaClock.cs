namespace RightHand.Support.Sla;

/// <summary>A stretch in which a ticket's SLA clock stood still (it waited for the member); no end while it still waits.</summary>
internal sealed record SlaPause(DateTime StartUtc, DateTime? EndUtc);

/// <summary>
/// A ticket's SLA clock: it runs in business time from the ticket's start and stands still while the ticket waits for
/// the member. Pauses may overlap or come in any order; business time inside a pause does not count.
/// </summary>
internal static class SlaClock
{
    /// <summary>The business time the clock has run from <paramref name="startUtc"/> until <paramref name="atUtc"/>.</summary>
    public static TimeSpan Elapsed(BusinessCalendar calendar, DateTime startUtc, IEnumerable<SlaPause> pauses, DateTime atUtc)
    {
        if (atUtc <= startUtc) return TimeSpan.Zero;
        if (atUtc - startUtc > BusinessCalendar.Horizon)
            throw new ArgumentOutOfRangeException(nameof(atUtc), $"The clock is read over at most {BusinessCalendar.Horizon.Days} days.");
        var total = TimeSpan.Zero;
        foreach (var (from, to) in Running(calendar, startUtc, Merge(pauses)))
        {
            if (from >= atUtc) break;
            total += (to < atUtc ? to : atUtc) - from;
        }
        return total;
    }

    /// <summary>
    /// The instant at which the clock reaches <paramref name="target"/>, or null while a pause without an end stops it
    /// first (the due time is known again once the ticket no longer waits).
    /// </summary>
    /// <exception cref="InvalidOperationException">The calendar does not hold the target within <see cref="BusinessCalendar.Horizon"/>.</exception>
    public static DateTime? Due(BusinessCalendar calendar, DateTime startUtc, IEnumerable<SlaPause> pauses, TimeSpan target)
    {
        var merged = Merge(pauses);
        var left = target;
        foreach (var (from, to) in Running(calendar, startUtc, merged))
        {
            if (left <= to - from) return from + left;
            left -= to - from;
        }
        if (merged.Count > 0 && merged[^1].End == DateTime.MaxValue) return null;
        throw new InvalidOperationException($"The calendar holds less than {target.TotalHours:0.##} business hours within {BusinessCalendar.Horizon.Days} days.");
    }

    /// <summary>The calendar's open periods from the start with the pauses cut out; nothing after a pause that has not ended.</summary>
    private static IEnumerable<(DateTime Start, DateTime End)> Running(BusinessCalendar calendar, DateTime startUtc, List<(DateTime Start, DateTime End)> pauses)
    {
        var stopped = pauses.Count > 0 && pauses[^1].End == DateTime.MaxValue ? pauses[^1].Start : DateTime.MaxValue;
        foreach (var (from, to) in calendar.OpenPeriods(startUtc))
        {
            if (from >= stopped) yield break;
            var cursor = from;
            foreach (var pause in pauses)
            {
                if (pause.End <= cursor || pause.Start >= to) continue;
                if (pause.Start > cursor) yield return (cursor, pause.Start);
                cursor = pause.End < to ? pause.End : to;
                if (cursor >= to) break;
            }
            if (cursor < to) yield return (cursor, to);
        }
    }

    /// <summary>Pauses sorted and joined where they overlap or touch; an open pause ends at <see cref="DateTime.MaxValue"/>.</summary>
    private static List<(DateTime Start, DateTime End)> Merge(IEnumerable<SlaPause> pauses)
    {
        var merged = new List<(DateTime Start, DateTime End)>();
        foreach (var (start, end) in pauses.Select(p => (p.StartUtc, p.EndUtc ?? DateTime.MaxValue)).Where(p => p.Item2 > p.StartUtc).OrderBy(p => p.StartUtc))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, end > merged[^1].End ? end : merged[^1].End);
            else merged.Add((start, end));
        }
        return merged;
    }
}

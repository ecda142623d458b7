using System.Globalization;

namespace RightHand.Support.Sla;

/// <summary>
/// The SLA settings as text, the same way the owner types them and the settings table keeps them: opening hours
/// "09:00-12:00, 13:00-17:00", business hours "1.5" (a comma works too), dates "2026-12-24" (or "24.12.2026").
/// </summary>
internal static class SlaFormat
{
    private static readonly char[] Dashes = ['-', '–', '—'];

    /// <summary>A day's opening hours; an empty text is a closed day. False when the text is not intervals of clock times.</summary>
    public static bool TryParseHours(string? text, out List<OpeningInterval> intervals)
    {
        intervals = [];
        if (string.IsNullOrWhiteSpace(text)) return true;
        foreach (var part in text.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split(Dashes, StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || !TryParseClock(ends[0], out var start) || !TryParseClock(ends[1], out var end)) return false;
            intervals.Add(new OpeningInterval(start, end));
        }
        return true;
    }

    public static string Hours(IEnumerable<OpeningInterval> intervals) =>
        string.Join(", ", intervals.Select(i => $"{Clock(i.Start)}-{Clock(i.End)}"));

    private static string Clock(TimeSpan time) => $"{(int)time.TotalHours:00}:{time.Minutes:00}";

    /// <summary>"9:00", "09:30" or "24:00" (the end of the day).</summary>
    private static bool TryParseClock(string text, out TimeSpan time)
    {
        time = default;
        var parts = text.Split(':');
        if (parts.Length != 2 || parts[0].Length is 0 or > 2 || parts[1].Length != 2) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        if (h > 24 || m > 59 || (h == 24 && m != 0)) return false;
        time = new TimeSpan(h, m, 0);
        return true;
    }

    /// <summary>A number of business hours with a decimal point or comma, kept to the minute.</summary>
    public static bool TryParseBusinessHours(string? text, out TimeSpan duration)
    {
        duration = default;
        var normalized = text?.Trim().Replace(',', '.');
        if (string.IsNullOrEmpty(normalized)
            || !decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours) || hours > 100_000) return false;
        duration = TimeSpan.FromMinutes((double)Math.Round(hours * 60m));
        return true;
    }

    public static string BusinessHours(TimeSpan duration, IFormatProvider format) =>
        Math.Round((decimal)duration.TotalHours, 2).ToString("0.##", format);

    /// <summary>"2026-12-24" or "24.12.2026".</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The lines or comma-separated items of a text box, trimmed, without empty ones.</summary>
    public static string[] Items(string? text, params char[] separators) =>
        (text ?? "").Split(['\r', '\n', .. separators], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A category target as one line: "category id; priority; first response hours; resolution hours".</summary>
    public static string CategoryTarget(SlaCategoryTarget target) =>
        $"{target.CategoryId}; {target.Priority}; {BusinessHours(target.Target.FirstResponse, CultureInfo.InvariantCulture)}; {BusinessHours(target.Target.Resolution, CultureInfo.InvariantCulture)}";
}

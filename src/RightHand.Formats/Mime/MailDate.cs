using System.Globalization;

namespace RightHand.Formats.Mime;

/// <summary>
/// Reads the Date header (RFC 5322 section 3.3) with the obsolete forms still sent: two-digit years, zone names
/// (GMT, EST, ...), missing seconds, comments ("(CET)"), the weekday left out or misspelt, parts in a sloppy order.
/// </summary>
internal static class MailDate
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        // Some scripts write ISO 8601 ("2026-11-22T10:00:00Z"); the RFC form is tried first.
        return Rfc5322(value) ?? (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso) ? iso : null);
    }

    private static DateTimeOffset? Rfc5322(string value)
    {
        var open = value.IndexOf('(', StringComparison.Ordinal);
        var text = open < 0 ? value : value[..open];
        int? day = null, month = null, year = null, hour = null, minute = null, second = null;
        TimeSpan? offset = null;
        foreach (var token in text.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.Contains(':', StringComparison.Ordinal) && hour is null)
            {
                var parts = token.Split(':');
                if (parts.Length is < 2 or > 3 || !Number(parts[0], out var h) || !Number(parts[1], out var m)) return null;
                var s = 0;
                if (parts.Length == 3 && !Number(parts[2].Split('.')[0], out s)) return null;
                (hour, minute, second) = (h, m, s);
            }
            else if (token[0] is '+' or '-' && token.Length == 5 && Number(token[1..], out var zone))
            {
                var span = new TimeSpan(zone / 100, zone % 100, 0);
                offset = token[0] == '-' ? -span : span;
            }
            else if (char.IsLetter(token[0]))
            {
                var lower = token.ToLowerInvariant();
                var monthIndex = lower.Length >= 3 ? Array.IndexOf(Months, lower[..3]) : -1;
                if (monthIndex >= 0 && month is null) month = monthIndex + 1;
                else if (ZoneName(lower) is { } named) offset ??= named;
            }
            else if (Number(token, out var number))
            {
                if (day is null && token.Length <= 2) day = number;
                else if (year is null) year = token.Length <= 2 ? (number < 50 ? 2000 + number : 1900 + number) : token.Length == 3 ? 1900 + number : number;
            }
        }
        if (day is not { } d || month is not { } mo || year is not { } y || hour is not { } hh || minute is not { } mm) return null;
        var ss = second ?? 0;
        var zoneOffset = offset ?? TimeSpan.Zero;
        if (y is < 1900 or > 9998 || d < 1 || d > DateTime.DaysInMonth(y, mo) || hh > 23 || mm > 59 || ss > 60
            || zoneOffset.Duration() > TimeSpan.FromHours(14)) return null;
        // A leap second is read as the last second of its minute.
        return new DateTimeOffset(y, mo, d, hh, mm, Math.Min(ss, 59), zoneOffset);
    }

    private static bool Number(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && text.Length <= 4;

    // RFC 5322 section 4.3: the US zones have meaning; military letters and unknown names are "no zone" (UTC).
    private static TimeSpan? ZoneName(string name) => name switch
    {
        "ut" or "utc" or "gmt" or "z" => TimeSpan.Zero,
        "edt" => TimeSpan.FromHours(-4),
        "est" or "cdt" => TimeSpan.FromHours(-5),
        "cst" or "mdt" => TimeSpan.FromHours(-6),
        "mst" or "pdt" => TimeSpan.FromHours(-7),
        "pst" => TimeSpan.FromHours(-8),
        "cet" => TimeSpan.FromHours(1),
        "cest" => TimeSpan.FromHours(2),
        _ => null,
    };
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace RightHand.Formats.Csv;

/// <summary>
/// Dates and amounts as German and English spreadsheets export them. Accepted always: dd.MM.yyyy and
/// d.M.yyyy (German), yyyy-MM-dd (ISO). Slash dates only when unambiguous: 25/12/2024 and 12/25/2024 are
/// both Christmas, 03/04/2024 is refused because it is March in the US and April in the UK. Two-digit
/// years are refused (is 01.02.24 a birth in 1924 or 2024?). A midnight time that Excel appends is ignored.
/// </summary>
public static partial class CsvValues
{
    public static bool TryParseDate(string? text, out DateOnly date, out ValueProblem? problem)
    {
        date = default;
        var value = StripMidnight((text ?? "").Trim());
        int day, month, year;
        if (DottedDate().Match(value) is { Success: true } dotted)
            (day, month, year) = (Int(dotted, 1), Int(dotted, 2), Int(dotted, 3));
        else if (IsoDate().Match(value) is { Success: true } iso)
            (year, month, day) = (Int(iso, 1), Int(iso, 2), Int(iso, 3));
        else if (SlashDate().Match(value) is { Success: true } slash)
        {
            int first = Int(slash, 1), second = Int(slash, 2);
            year = Int(slash, 3);
            if (first <= 12 && second <= 12 && first != second)
            {
                problem = ValueProblem.For(ValueProblemCode.AmbiguousDate, value);
                return false;
            }
            (day, month) = first > 12 ? (first, second) : (second, first);
        }
        else
        {
            problem = ValueProblem.For(ValueProblemCode.NotADate, value);
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            problem = ValueProblem.For(ValueProblemCode.NoSuchDay, value);
            return false;
        }
        date = new DateOnly(year, month, day);
        problem = null;
        return true;
    }

    /// <summary>
    /// "12,50", "12.50", "1.234,56", "1,234.56", "1 234,56", "-3", "12,50 €", "EUR 12.50". With both separators
    /// the last one is the decimal mark; with one kind only, a single mark followed by exactly three digits
    /// ("1,234") is refused as ambiguous, several ("1.234.567") are thousands.
    /// </summary>
    public static bool TryParseDecimal(string? text, out decimal value, out ValueProblem? problem)
    {
        value = 0;
        var original = (text ?? "").Trim();
        var s = original.Replace("EUR", "", StringComparison.OrdinalIgnoreCase).Replace("€", "", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
            .Replace("\u202F", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        problem = ValueProblem.For(ValueProblemCode.NotANumber, original);
        if (!Number().IsMatch(s)) return false;
        var lastComma = s.LastIndexOf(',');
        var lastPoint = s.LastIndexOf('.');
        char? decimalMark = null;
        if (lastComma >= 0 && lastPoint >= 0) decimalMark = lastComma > lastPoint ? ',' : '.';
        else if (lastComma >= 0 || lastPoint >= 0)
        {
            var mark = lastComma >= 0 ? ',' : '.';
            var marks = s.Count(c => c == mark);
            var digitsAfter = s.Length - s.LastIndexOf(mark) - 1;
            if (marks == 1 && digitsAfter == 3 && s.TrimStart('-', '+')[0] != '0')
            {
                problem = ValueProblem.For(ValueProblemCode.AmbiguousNumber, original);
                return false;
            }
            if (marks == 1) decimalMark = mark;
        }
        var thousands = decimalMark switch { ',' => '.', '.' => ',', _ => lastComma >= 0 ? ',' : '.' };
        var parts = s.Split(decimalMark ?? '\0');
        if (parts.Length > 2 || !ValidThousands(parts[0].TrimStart('-', '+'), thousands)) return false;
        var normalized = parts[0].Replace(thousands.ToString(), "", StringComparison.Ordinal) + (parts.Length == 2 ? "." + parts[1] : "");
        if (parts.Length == 2 && (parts[1].Length == 0 || parts[1].Contains(thousands, StringComparison.Ordinal))) return false;
        if (!decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            return false;
        problem = null;
        return true;
    }

    // Groups after the first must have exactly three digits: "1.234.567" yes, "1.23.4" no.
    private static bool ValidThousands(string whole, char thousands)
    {
        var groups = whole.Split(thousands);
        if (groups.Length == 1) return whole.Length > 0;
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }

    private static string StripMidnight(string value)
    {
        foreach (var midnight in (string[])[" 00:00:00", " 00:00"])
            if (value.EndsWith(midnight, StringComparison.Ordinal)) return value[..^midnight.Length];
        return value;
    }

    private static int Int(Match match, int group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedDate();

    [GeneratedRegex(@"^([0-9]{4})-([0-9]{2})-([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"^[-+]?[0-9][0-9.,]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}

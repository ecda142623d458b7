using System.Globalization;
using Microsoft.Extensions.Localization;
using RightHand.Formats.Csv;

namespace RightHand.Members;

/// <summary>A reason a member's data was refused: the field (an import key of <see cref="MemberColumns"/>) and a sentence naming it.</summary>
internal sealed record MemberProblem(string Field, string Message);

/// <summary>
/// The checks on a member's data that need no database: the form, the import, the sync API and the portal all
/// refuse the same things with the same words. Uniqueness and plans are the register's to check.
/// </summary>
internal static class MemberChecks
{
    public static List<MemberProblem> Check(MemberDraft d, DateOnly today, IStringLocalizer l)
    {
        var problems = new List<MemberProblem>();
        void Add(string field, string message) => problems.Add(new MemberProblem(field, message));

        if (string.IsNullOrWhiteSpace(d.LastName)) Add(MemberColumns.LastName, l["Last name: enter the member's last name."]);
        if (EmailAddresses.Check(d.Email) is not null) Add(MemberColumns.Email, l["E-mail: enter a valid address such as name@example.org."]);
        if (d.Language is not ("de" or "en")) Add(MemberColumns.Language, l["Language: choose German or English."]);
        var country = d.Country?.Trim() ?? "";
        if (country.Length > 0 && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
            Add(MemberColumns.Country, l["Country: enter the two-letter ISO code, e.g. DE."]);
        else if (!string.IsNullOrWhiteSpace(d.Postcode) && Postcodes.Check(country.Length == 0 ? null : country, d.Postcode) is { } postcode)
            Add(MemberColumns.Postcode, l["Postcode: {0}", Describe(postcode, l)]);
        if (!string.IsNullOrWhiteSpace(d.DateOfBirth))
        {
            if (!TryParseIsoDate(d.DateOfBirth.Trim(), out var born))
                Add(MemberColumns.DateOfBirth, l["Date of birth: enter a date, or leave it empty."]);
            else if (born > today || born.Year < 1900) Add(MemberColumns.DateOfBirth, l["Date of birth: the date must lie between 1900 and today."]);
        }
        if (!Enum.IsDefined(d.Status)) Add(MemberColumns.Status, l["Status: choose prospect, active, paused or cancelled."]);
        if (MemberRegister.Tags(d.Tags).Any(t => t.Length > 60)) Add(MemberColumns.Tags, l["Tags: each tag has at most 60 characters."]);
        // The labels are looked up only for a field that is too long: the import checks a million rows, nearly all fine.
        var tooLong = new (string? Value, int Max, string Field, string Label)[]
        {
            (d.Salutation, 40, MemberColumns.Salutation, "Salutation"), (d.FirstName, 100, MemberColumns.FirstName, "First name"),
            (d.LastName, 100, MemberColumns.LastName, "Last name"), (d.Company, 200, MemberColumns.Company, "Company"),
            (d.Phone, 50, MemberColumns.Phone, "Phone"), (d.Street, 200, MemberColumns.Street, "Street"),
            (d.Postcode, 20, MemberColumns.Postcode, "Postcode"), (d.City, 100, MemberColumns.City, "City"),
            (d.Notes, 4000, MemberColumns.Notes, "Notes"),
        };
        foreach (var (value, max, field, label) in tooLong)
            if (value is not null && value.AsSpan().Trim().Length > max) Add(field, l["{0}: at most {1} characters.", l[label], max]);
        return problems;
    }

    /// <summary>
    /// A date as the register keeps it, yyyy-MM-dd, exactly as <c>DateOnly.TryParseExact</c> with that format reads it,
    /// at a tenth of the cost: an import checks and stores a million of them.
    /// </summary>
    public static bool TryParseIsoDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-') return false;
        if (!int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(text[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>A value problem from the formats library in the reader's language.</summary>
    public static string Describe(ValueProblem problem, IStringLocalizer l) => l[ValueProblem.EnglishFormat(problem.Code), [.. problem.Arguments]];
}

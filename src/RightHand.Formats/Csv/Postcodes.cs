using System.Text.RegularExpressions;

namespace RightHand.Formats.Csv;

/// <summary>
/// Checks the form of a postcode for its country (DE, AT, CH, NL, FR, GB, US, BE, LU, IT, ES, PL, DK).
/// Other countries are not checked: refusing a valid foreign address is worse than letting an odd one in.
/// It checks the form only, not that the postcode exists.
/// </summary>
public static partial class Postcodes
{
    private static readonly Dictionary<string, (Regex Pattern, string Example)> Formats = new(StringComparer.Ordinal)
    {
        ["DE"] = (FiveDigits(), "10115"),
        ["AT"] = (FourDigits(), "1010"),
        ["CH"] = (FourDigits(), "8001"),
        ["BE"] = (FourDigits(), "1000"),
        ["LU"] = (Luxembourg(), "1009"),
        ["DK"] = (FourDigits(), "1050"),
        ["NL"] = (Netherlands(), "1012 AB"),
        ["FR"] = (FiveDigits(), "75001"),
        ["IT"] = (FiveDigits(), "00184"),
        ["ES"] = (FiveDigits(), "28013"),
        ["PL"] = (Poland(), "00-950"),
        ["GB"] = (Britain(), "SW1A 1AA"),
        ["US"] = (UnitedStates(), "20500"),
    };

    /// <summary>Null when the postcode fits the country (or the country is not checked), otherwise why not.</summary>
    public static ValueProblem? Check(string? countryCode, string? postcode)
    {
        var value = (postcode ?? "").Trim();
        if (countryCode is null || !Formats.TryGetValue(countryCode.ToUpperInvariant(), out var format)) return null;
        return format.Pattern.IsMatch(value)
            ? null
            : ValueProblem.For(ValueProblemCode.PostcodeNotValidForCountry, value, countryCode.ToUpperInvariant(), format.Example);
    }

    [GeneratedRegex("^[0-9]{5}$", RegexOptions.CultureInvariant)]
    private static partial Regex FiveDigits();

    // Austria, Switzerland, Belgium and Denmark: four digits, none starting with 0.
    [GeneratedRegex("^[1-9][0-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex FourDigits();

    [GeneratedRegex("^(L-?)?[0-9]{4}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Luxembourg();

    // 1234 AB; the letter pairs SA, SD and SS are never issued.
    [GeneratedRegex("^[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Netherlands();

    [GeneratedRegex("^[0-9]{2}-[0-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Poland();

    // The Royal Mail's forms (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA) and GIR 0AA.
    [GeneratedRegex("^([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}|GIR ?0AA)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Britain();

    [GeneratedRegex("^[0-9]{5}(-[0-9]{4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitedStates();
}

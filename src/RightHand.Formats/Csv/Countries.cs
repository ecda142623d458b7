namespace RightHand.Formats.Csv;

/// <summary>Country names and codes as they appear in German and English exports, to ISO 3166 alpha-2.</summary>
public static class Countries
{
    private static readonly Dictionary<string, string> Names = Build(new()
    {
        ["DE"] = ["DE", "DEU", "D", "Deutschland", "Germany", "BRD", "Bundesrepublik Deutschland"],
        ["AT"] = ["AT", "AUT", "A", "Österreich", "Austria"],
        ["CH"] = ["CH", "CHE", "Schweiz", "Switzerland", "Suisse"],
        ["NL"] = ["NL", "NLD", "Niederlande", "Netherlands", "The Netherlands", "Holland"],
        ["FR"] = ["FR", "FRA", "F", "Frankreich", "France"],
        ["GB"] = ["GB", "GBR", "UK", "Vereinigtes Königreich", "Großbritannien", "United Kingdom", "Great Britain", "England", "Scotland", "Wales"],
        ["US"] = ["US", "USA", "Vereinigte Staaten", "Vereinigte Staaten von Amerika", "United States", "United States of America"],
        ["BE"] = ["BE", "BEL", "Belgien", "Belgium"],
        ["LU"] = ["LU", "LUX", "Luxemburg", "Luxembourg"],
        ["IT"] = ["IT", "ITA", "Italien", "Italy"],
        ["ES"] = ["ES", "ESP", "Spanien", "Spain"],
        ["PL"] = ["PL", "POL", "Polen", "Poland"],
        ["DK"] = ["DK", "DNK", "Dänemark", "Denmark"],
    });

    /// <summary>"Deutschland", "germany", "D", "DE" → "DE". An empty cell is no country (false, no problem).</summary>
    public static bool TryNormalize(string? text, out string code, out ValueProblem? problem)
    {
        code = "";
        problem = null;
        var value = (text ?? "").Trim();
        if (value.Length == 0) return false;
        if (Names.TryGetValue(MemberColumns.Normalize(value), out var found)) { code = found; return true; }
        if (value.Length == 2 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]))
        {
            code = value.ToUpperInvariant();
            return true;
        }
        problem = ValueProblem.For(ValueProblemCode.UnknownCountry, value);
        return false;
    }

    private static Dictionary<string, string> Build(Dictionary<string, string[]> byCode)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, list) in byCode)
            foreach (var name in list)
            {
                // Spellings that normalise alike ("First name", "Firstname") are one entry; one spelling for two keys is a mistake here.
                if (!names.TryAdd(MemberColumns.Normalize(name), code) && names[MemberColumns.Normalize(name)] != code) throw new InvalidOperationException($"\"{name}\" is listed twice.");
            }
        return names;
    }
}

namespace RightHand.Formats.Csv;

/// <summary>
/// The syntax check for an address people actually use: local@domain.tld, no spaces, no display name, a
/// domain of dot-separated labels of letters, digits and hyphens (international letters allowed) ending in
/// a top-level domain. It does not follow every corner of RFC 5322 (quoted local parts, IP literals) on
/// purpose: those are mistakes in a member list far more often than real addresses.
/// </summary>
public static class EmailAddresses
{
    /// <summary>Null when the address looks valid, otherwise why not.</summary>
    public static ValueProblem? Check(string? text)
    {
        var value = (text ?? "").Trim();
        return IsValid(value) ? null : ValueProblem.For(ValueProblemCode.NotAnEmailAddress, value);
    }

    private static bool IsValid(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || value.Length > 254) return false;
        var local = value.AsSpan(0, at);
        var domain = value.AsSpan(at + 1);
        if (local.Length > 64 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal)) return false;
        foreach (var c in local)
            if (!(char.IsLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal))) return false;
        var labels = domain.ToString().Split('.');
        if (labels.Length < 2) return false;
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return false;
            if (!label.All(c => char.IsLetterOrDigit(c) || c == '-')) return false;
        }
        var top = labels[^1];
        return top.StartsWith("xn--", StringComparison.OrdinalIgnoreCase) || (top.Length >= 2 && top.All(char.IsLetter));
    }
}

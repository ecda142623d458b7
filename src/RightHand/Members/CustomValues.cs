using System.Globalization;

namespace RightHand.Members;

/// <summary>Custom field values between what people type and what is stored (see <see cref="CustomFieldValue"/>).</summary>
internal static class CustomValues
{
    /// <summary>The stored form of a typed value, or null when it does not fit the field.</summary>
    public static string? Normalize(CustomField field, string text) => field.Kind switch
    {
        CustomFieldKind.Number => decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
            ? n.ToString(CultureInfo.InvariantCulture) : null,
        CustomFieldKind.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        CustomFieldKind.Choice => field.OptionList.Contains(text, StringComparer.Ordinal) ? text : null,
        _ => text.Length <= 1000 ? text : null,
    };

    /// <summary>How a stored value reads on a page, in the reader's culture.</summary>
    public static string Show(CustomField field, string stored) => field.Kind switch
    {
        CustomFieldKind.Number when decimal.TryParse(stored, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => n.ToString(CultureInfo.CurrentCulture),
        CustomFieldKind.Date when DateOnly.TryParseExact(stored, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d.ToString("d", CultureInfo.CurrentCulture),
        _ => stored,
    };
}

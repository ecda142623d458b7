using System.Globalization;

namespace RightHand.Formats;

/// <summary>An amount in euro, held as whole cents: never floating point. Formatted for the reader's culture.</summary>
public readonly record struct Money(long Cents) : IFormattable, IComparable<Money>
{
    /// <summary>
    /// Rounds to whole cents commercially (kaufmännisch): a half cent goes away from zero, as invoices and
    /// the tax office expect (0,125 € → 0,13 €), not to the even cent as banker's rounding would (0,12 €).
    /// </summary>
    public static Money FromEuros(decimal euros) => new(checked((long)decimal.Round(euros * 100m, 0, MidpointRounding.AwayFromZero)));

    public decimal Euros => Cents / 100m;

    /// <summary>
    /// An amount as people type it in German or English ("12,50", "1.234,56 €", "1,234.56"), read like the import
    /// reads amounts: false for anything else, for more than cents, and for an ambiguous "1.500".
    /// </summary>
    public static bool TryParseEuros(string? text, out Money money)
    {
        money = default;
        if (!Csv.CsvValues.TryParseDecimal(text, out var euros, out _) || decimal.Round(euros, 2) != euros || Math.Abs(euros) >= 1_000_000_000m) return false;
        money = FromEuros(euros);
        return true;
    }

    public static Money operator +(Money a, Money b) => new(checked(a.Cents + b.Cents));
    public static Money operator -(Money a, Money b) => new(checked(a.Cents - b.Cents));

    public int CompareTo(Money other) => Cents.CompareTo(other.Cents);
    public static bool operator <(Money a, Money b) => a.Cents < b.Cents;
    public static bool operator <=(Money a, Money b) => a.Cents <= b.Cents;
    public static bool operator >(Money a, Money b) => a.Cents > b.Cents;
    public static bool operator >=(Money a, Money b) => a.Cents >= b.Cents;

    /// <summary>
    /// "1.234,56 €" for de-DE, "€1,234.56" for en-GB: the culture's currency pattern with the euro sign.
    /// .NET's patterns separate amount and sign with a plain space; it becomes a no-break space (U+00A0)
    /// so that a narrow table cell never wraps the euro sign onto a line of its own.
    /// </summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var culture = formatProvider as CultureInfo ?? CultureInfo.CurrentCulture;
        var nf = (NumberFormatInfo)culture.NumberFormat.Clone();
        nf.CurrencySymbol = "€";
        return Euros.ToString(format ?? "C", nf).Replace(' ', '\u00A0');
    }

    public override string ToString() => ToString(null, CultureInfo.CurrentCulture);
}

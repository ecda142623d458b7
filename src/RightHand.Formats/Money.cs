using System.Globalization;

namespace RightHand.Formats;

/// <summary>An amount in euro, held as whole cents: never floating point. Formatted for the reader's culture.</summary>
public readonly record struct Money(long Cents) : IFormattable, IComparable<Money>
{
    public static Money FromEuros(decimal euros) => new(checked((long)decimal.Round(euros * 100m, 0, MidpointRounding.ToEven)));

    public decimal Euros => Cents / 100m;

    public static Money operator +(Money a, Money b) => new(checked(a.Cents + b.Cents));
    public static Money operator -(Money a, Money b) => new(checked(a.Cents - b.Cents));

    public int CompareTo(Money other) => Cents.CompareTo(other.Cents);
    public static bool operator <(Money a, Money b) => a.Cents < b.Cents;
    public static bool operator <=(Money a, Money b) => a.Cents <= b.Cents;
    public static bool operator >(Money a, Money b) => a.Cents > b.Cents;
    public static bool operator >=(Money a, Money b) => a.Cents >= b.Cents;

    /// <summary>"1.234,56 €" for de-DE, "€1,234.56" for en-GB: the culture's currency pattern with the euro sign.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var culture = formatProvider as CultureInfo ?? CultureInfo.CurrentCulture;
        var nf = (NumberFormatInfo)culture.NumberFormat.Clone();
        nf.CurrencySymbol = "€";
        return Euros.ToString(format ?? "C", nf);
    }

    public override string ToString() => ToString(null, CultureInfo.CurrentCulture);
}

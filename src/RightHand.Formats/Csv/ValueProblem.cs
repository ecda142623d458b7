using System.Globalization;

namespace RightHand.Formats.Csv;

/// <summary>Why a cell's value was not accepted. Stable names: the app translates by them.</summary>
public enum ValueProblemCode
{
    /// <summary>Arguments: the text.</summary>
    NotADate,
    /// <summary>Day and month could be swapped (03/04/2024). Arguments: the text.</summary>
    AmbiguousDate,
    /// <summary>The parts do not make a day of the calendar (31.02.2024). Arguments: the text.</summary>
    NoSuchDay,
    /// <summary>Arguments: the text.</summary>
    NotANumber,
    /// <summary>One separator followed by three digits (1,234 or 1.234). Arguments: the text.</summary>
    AmbiguousNumber,
    /// <summary>Arguments: the text.</summary>
    NotAnEmailAddress,
    /// <summary>Arguments: the postcode, the country code, an example of a valid postcode.</summary>
    PostcodeNotValidForCountry,
    /// <summary>Arguments: the text.</summary>
    UnknownCountry,
}

/// <summary>A value rejected with a reason; <see cref="Message"/> is English, <see cref="EnglishFormat"/> the translation key.</summary>
public sealed record ValueProblem(ValueProblemCode Code, IReadOnlyList<object> Arguments)
{
    public static string EnglishFormat(ValueProblemCode code) => code switch
    {
        ValueProblemCode.NotADate => "\"{0}\" is not a date; write it as dd.MM.yyyy or yyyy-MM-dd.",
        ValueProblemCode.AmbiguousDate => "\"{0}\" could be day/month or month/day; write it as dd.MM.yyyy or yyyy-MM-dd.",
        ValueProblemCode.NoSuchDay => "\"{0}\" is not a day of the calendar.",
        ValueProblemCode.NotANumber => "\"{0}\" is not a number.",
        ValueProblemCode.AmbiguousNumber => "\"{0}\" could be a thousand or a decimal; write it with two decimals (1234,00 or 1.234,00).",
        ValueProblemCode.NotAnEmailAddress => "\"{0}\" is not an e-mail address.",
        ValueProblemCode.PostcodeNotValidForCountry => "\"{0}\" is not a postcode in {1} (for example {2}).",
        ValueProblemCode.UnknownCountry => "\"{0}\" is not a known country.",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    public string Message => string.Format(CultureInfo.InvariantCulture, EnglishFormat(Code), [.. Arguments]);

    public override string ToString() => Message;

    internal static ValueProblem For(ValueProblemCode code, params object[] arguments) => new(code, arguments);
}

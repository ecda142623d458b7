using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace RightHand;

/// <summary>
/// The marker for the UI's texts. Keys are the English texts themselves, so English needs no
/// resource file and a missing German translation shows English rather than a key
/// (<c>Resources/Texts.de.resx</c>; a test checks that every key used in the code is translated).
/// </summary>
internal sealed class Texts;

internal static class Cultures
{
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    public static readonly CultureInfo[] Supported = [German, English];

    public static CultureInfo ForLanguage(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : German;

    public static string LanguageOf(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? "en" : "de";

    /// <summary>Runs a piece of work (a mail to someone) in that person's language.</summary>
    public static T In<T>(string language, Func<T> work)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = ForLanguage(language);
        try { return work(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui); }
    }
}

/// <summary>
/// The browser's language decides when nobody chose one: German for any German variant, English for
/// any English one, German otherwise (the business is German). The language switch's cookie wins.
/// </summary>
internal sealed class BrowserLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        foreach (var value in httpContext.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = value.Value.Value ?? "";
            if (tag.StartsWith("de", StringComparison.OrdinalIgnoreCase)) return Result(Cultures.German);
            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return Result(Cultures.English);
        }
        return Task.FromResult<ProviderCultureResult?>(null);
    }

    private static Task<ProviderCultureResult?> Result(CultureInfo c) => Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(c.Name));
}

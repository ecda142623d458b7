using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace RightHand.BrowserTests.Infrastructure;

/// <summary>
/// The app's own texts in one language, from its localizer: tests find elements by the words a person
/// reads, and stay right when a German translation is added or changed (until then German falls back to English).
/// </summary>
public sealed class UiTexts(TestApp app, string language)
{
    private readonly IStringLocalizer localizer = app.Services.GetRequiredService<IStringLocalizer<Texts>>();

    public string Language { get; } = language;

    public string this[string key] => In(() => localizer[key].Value);

    public string Format(string key, params object[] args) => In(() => localizer[key, args].Value);

    private string In(Func<string> work)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Language == "de" ? "de-DE" : "en-GB");
        try { return work(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui); }
    }
}

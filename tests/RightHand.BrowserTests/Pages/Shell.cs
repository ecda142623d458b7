using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;

namespace RightHand.BrowserTests.Pages;

/// <summary>What every staff page has: the sidebar navigation and the top bar.</summary>
public sealed class Shell(IPage page, UiTexts t)
{
    public ILocator Navigation => page.GetByRole(AriaRole.Navigation, new() { Name = t["Main navigation"] });
    public ILocator Banner => page.GetByRole(AriaRole.Banner);
    public ILocator SignOutButton => page.GetByRole(AriaRole.Button, new() { Name = t["Sign out"] });

    public ILocator NavLink(string title) => Navigation.GetByRole(AriaRole.Link, new() { Name = t[title], Exact = true });

    public Task SignOutAsync() => SignOutButton.ClickAsync();
}

/// <summary>The language switch, in the top bar of every page: it offers the other language.</summary>
public sealed class LanguageSwitch(IPage page)
{
    /// <summary>"Deutsch" on an English page, "English" on a German one (its accessible name says what it does, in the target language).</summary>
    public ILocator Button(string offeredLanguage) =>
        page.GetByRole(AriaRole.Button, new() { Name = offeredLanguage == "de" ? "Auf Deutsch umschalten" : "Switch to English", Exact = true });

    public Task<string?> HtmlLangAsync() => page.Locator("html").GetAttributeAsync("lang");
}

/// <summary>/ : the dashboard.</summary>
public sealed class DashboardPage(IPage page, UiTexts t)
{
    public ILocator Greeting(string firstName) =>
        page.GetByRole(AriaRole.Heading, new() { Name = t.Format("Good to see you, {0}", firstName), Level = 1 });
}

using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>Flow 4: the browser's language is the default; the button in the top bar switches German ↔ English and stays on the page.</summary>
public sealed class LanguageSwitchTests(OwnerFixture fixture) : IClassFixture<OwnerFixture>
{
    [Fact]
    public async Task A_German_browser_gets_German_and_can_switch_to_English_and_back_before_signing_in()
    {
        var app = fixture.App;
        var (de, en) = (new UiTexts(app, "de"), new UiTexts(app, "en"));
        var page = await fixture.NewPageAsync("de");
        var language = new LanguageSwitch(page);

        await page.GotoAsync(Journeys.Url(app, "/signin"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(new SignInPage(page, de).Heading).ToBeVisibleAsync();
        await Expect(language.Button("en")).ToHaveTextAsync("English");
        await Screenshots.SaveAsync(page, "language-signin-de");

        await language.Button("en").ClickAsync();
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/signin"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(new SignInPage(page, en).Heading).ToBeVisibleAsync();
        await Expect(page.GetByLabel(en["Password"], new() { Exact = true })).ToBeVisibleAsync();
        await Expect(language.Button("de")).ToHaveTextAsync("Deutsch");
        await Screenshots.SaveAsync(page, "language-signin-en");

        // The choice is remembered (a cookie), over the browser's language.
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await language.Button("de").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(language.Button("en")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_owner_switches_the_staff_area_to_German_and_back_on_the_same_page()
    {
        var app = fixture.App;
        var (de, en) = (new UiTexts(app, "de"), new UiTexts(app, "en"));
        var page = await fixture.NewOwnerPageAsync("en");
        var language = new LanguageSwitch(page);

        await page.GotoAsync(Journeys.Url(app, "/access/people"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(new PeoplePage(page, en).Heading).ToBeVisibleAsync();

        await language.Button("de").ClickAsync();
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/access/people"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(language.Button("en")).ToHaveTextAsync("English");
        var shell = new Shell(page, de);
        await Expect(new PeoplePage(page, de).Heading).ToBeVisibleAsync();
        await Expect(shell.NavLink("Dashboard")).ToBeVisibleAsync();
        await Expect(shell.SignOutButton).ToHaveTextAsync(de["Sign out"]);
        await Screenshots.SaveAsync(page, "language-people-de");

        await shell.NavLink("Dashboard").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(new DashboardPage(page, de).Greeting(fixture.Owner.FirstName)).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "language-dashboard-de");

        await language.Button("en").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(new Shell(page, en).SignOutButton).ToHaveTextAsync(en["Sign out"]);
        await Expect(language.Button("de")).ToHaveTextAsync("Deutsch");
        await page.Context.CloseAsync();
    }
}

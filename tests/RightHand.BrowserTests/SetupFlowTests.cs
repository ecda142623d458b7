using System.Text.RegularExpressions;
using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>Flow 1: the first start. The owner is created, connects an authenticator, signs out and back in with both factors.</summary>
public sealed partial class SetupFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task Owner_sets_up_with_an_authenticator_and_signs_out(string language)
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, kestrel: true);
        var t = new UiTexts(app, language);
        var owner = Journeys.Owner(language);
        var page = await browser.NewPageAsync(language);

        // No owner yet: the start page leads to the set-up, in the browser's language.
        await page.GotoAsync(Journeys.Url(app, "/"));
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/setup"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        var setup = new SetupPage(page, t);
        await Expect(setup.Heading).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"setup-{language}");
        await setup.CreateOwnerAsync(owner.Name, owner.Email, owner.Password);

        // Second factor: the key is shown in groups of four, with a QR code for the phone.
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/account/two-factor"));
        var enrolment = new TwoFactorEnrolmentPage(page, t);
        await Expect(enrolment.Heading).ToBeVisibleAsync();
        await Expect(enrolment.QrCode).ToBeVisibleAsync();
        await Expect(enrolment.Key).ToHaveTextAsync(GroupedKey());
        await Screenshots.SaveAsync(page, $"setup-two-factor-{language}");
        owner.AuthenticatorKey = await enrolment.EnrolAsync();

        // Ten recovery codes, shown once; then on to the dashboard.
        await Expect(enrolment.RecoveryCodes).ToHaveCountAsync(10);
        await Screenshots.SaveAsync(page, $"setup-recovery-codes-{language}");
        await enrolment.ContinueToDashboard.ClickAsync();
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/"));
        await Expect(new DashboardPage(page, t).Greeting(owner.FirstName)).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"dashboard-{language}");

        // Sign out from the top bar: back to the sign-in page, and the dashboard is closed.
        await new Shell(page, t).SignOutAsync();
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/signin"));
        await Expect(new SignInPage(page, t).Heading).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"signin-{language}");
        await page.GotoAsync(Journeys.Url(app, "/"));
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/signin"));

        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task Owner_signs_in_again_with_password_and_authenticator_code(string language)
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, kestrel: true);
        var t = new UiTexts(app, language);
        var owner = Journeys.Owner(language);
        var page = await browser.NewPageAsync(language);
        await Journeys.SetUpOwnerAsync(page, app, owner);
        var shell = new Shell(page, t);
        await shell.SignOutAsync();

        // The password alone is not enough: the second step asks for the authenticator's code.
        await new SignInPage(page, t).SignInAsync(owner.Email, owner.Password);
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/signin/two-factor"));
        var second = new SignInTwoFactorPage(page, t);
        await Expect(second.Heading).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"signin-two-factor-{language}");
        await second.ConfirmAsync(Totp.Code(owner.AuthenticatorKey!));
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/"));
        await Expect(new DashboardPage(page, t).Greeting(owner.FirstName)).ToBeVisibleAsync();
        await Expect(shell.SignOutButton).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en")]
    public async Task A_wrong_code_is_refused_on_the_second_step(string language)
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, kestrel: true);
        var t = new UiTexts(app, language);
        var owner = Journeys.Owner(language);
        var page = await browser.NewPageAsync(language);
        await Journeys.SetUpOwnerAsync(page, app, owner);
        await new Shell(page, t).SignOutAsync();

        await new SignInPage(page, t).SignInAsync(owner.Email, owner.Password);
        var second = new SignInTwoFactorPage(page, t);
        var wrong = Totp.Code(owner.AuthenticatorKey!) == "000000" ? "111111" : "000000";
        await second.ConfirmAsync(wrong);
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToHaveTextAsync(t["The code is wrong or has expired."]);
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/signin/two-factor"));
        await Screenshots.SaveAsync(page, $"signin-two-factor-wrong-code-{language}");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("^([a-z2-7]{4} )+[a-z2-7]{1,4}$")]
    private static partial Regex GroupedKey();
}

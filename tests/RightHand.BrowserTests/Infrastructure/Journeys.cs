using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RightHand.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests.Infrastructure;

/// <summary>Someone who uses the app in a test; the authenticator key is known once they have enrolled.</summary>
public sealed record Person(string Name, string Email, string Password, string Language)
{
    public string FirstName => Name.Split(' ')[0];
    public string? AuthenticatorKey { get; set; }
}

/// <summary>The steps that other flows start from, done through the browser like a person would.</summary>
public static class Journeys
{
    public static Person Owner(string language = "en") =>
        new(language == "de" ? "Greta Gründerin" : "Olivia Owner", $"owner-{language}@example.com", "owner passphrase with several words", language);

    public static Person Assistant(string name, string language) =>
        new(name, $"{name.Split(' ')[0].ToLowerInvariant()}@example.com", "assistant passphrase, long enough", language);

    public static string Url(TestApp app, string path) => app.BaseUrl + path;

    /// <summary>Exactly <paramref name="path"/> on the app (query strings allowed).</summary>
    public static Regex At(TestApp app, string path) => new("^" + Regex.Escape(app.BaseUrl + path) + @"(\?.*)?$");

    /// <summary>First start: / → /setup → authenticator → recovery codes → dashboard. The page stays signed in.</summary>
    public static async Task SetUpOwnerAsync(IPage page, TestApp app, Person owner)
    {
        var t = new UiTexts(app, owner.Language);
        await page.GotoAsync(Url(app, "/"));
        await Expect(page).ToHaveURLAsync(At(app, "/setup"));
        await new SetupPage(page, t).CreateOwnerAsync(owner.Name, owner.Email, owner.Password);
        await Expect(page).ToHaveURLAsync(At(app, "/account/two-factor"));
        await EnrolAsync(page, app, owner);
    }

    /// <summary>On the enrolment page: connect the authenticator, see the recovery codes, continue to the dashboard.</summary>
    public static async Task EnrolAsync(IPage page, TestApp app, Person person)
    {
        var t = new UiTexts(app, person.Language);
        var enrolment = new TwoFactorEnrolmentPage(page, t);
        person.AuthenticatorKey = await enrolment.EnrolAsync();
        await Expect(enrolment.RecoveryCodes).ToHaveCountAsync(10);
        await enrolment.ContinueToDashboard.ClickAsync();
        await Expect(new DashboardPage(page, t).Greeting(person.FirstName)).ToBeVisibleAsync();
    }

    /// <summary>Password, then the authenticator's code; ends on the dashboard.</summary>
    public static async Task SignInAsync(IPage page, TestApp app, Person person)
    {
        var t = new UiTexts(app, person.Language);
        await page.GotoAsync(Url(app, "/signin"));
        await new SignInPage(page, t).SignInAsync(person.Email, person.Password);
        await Expect(page).ToHaveURLAsync(At(app, "/signin/two-factor"));
        await new SignInTwoFactorPage(page, t).ConfirmAsync(Totp.Code(person.AuthenticatorKey!));
        await Expect(new DashboardPage(page, t).Greeting(person.FirstName)).ToBeVisibleAsync();
    }

    /// <summary>The owner invites <paramref name="invitee"/> as assistant and reads the link from the outbox mail.</summary>
    public static async Task<string> InviteAsync(IPage ownerPage, TestApp app, UiTexts ownerTexts, Person invitee)
    {
        var people = new PeoplePage(ownerPage, ownerTexts);
        await people.OpenAsync(app.BaseUrl);
        await people.InviteAsync(invitee.Name, invitee.Email, invitee.Language);
        await Expect(people.Status).ToContainTextAsync(invitee.Email);
        var outbox = new OutboxPage(ownerPage, ownerTexts);
        await outbox.OpenMailToAsync(new Shell(ownerPage, ownerTexts), invitee.Email);
        return await outbox.InvitationLinkAsync();
    }

    /// <summary>
    /// Invite, accept and enrol: <paramref name="invitee"/> in a browser context of their own, signed in on the
    /// dashboard. The owner's page ends on the invitation mail.
    /// </summary>
    public static async Task<IPage> BringInAsync(BrowserFixture browser, IPage ownerPage, TestApp app, UiTexts ownerTexts, Person invitee)
    {
        var link = await InviteAsync(ownerPage, app, ownerTexts, invitee);
        var page = await browser.NewPageAsync(invitee.Language);
        await AcceptUntilEnrolmentAsync(page, app, link, invitee);
        await EnrolAsync(page, app, invitee);
        return page;
    }

    /// <summary>The invitee opens the link, chooses a password and lands on the enrolment page (Assistant needs a second factor).</summary>
    public static async Task AcceptUntilEnrolmentAsync(IPage page, TestApp app, string link, Person invitee)
    {
        var t = new UiTexts(app, invitee.Language);
        await page.GotoAsync(link);
        await new InvitationPage(page, t).AcceptAsync(invitee.Password);
        await Expect(page).ToHaveURLAsync(At(app, "/account/two-factor"));
    }
}

using Microsoft.Playwright;
using RightHand.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests.Infrastructure;

/// <summary>A member brought into the portal the way the owner does it: invited from the member page, password chosen through the mailed link.</summary>
public static class PortalSessions
{
    public const string Password = "a portal passphrase of several words";

    public static async Task<IPage> InviteAndSignInAsync(BrowserFixture browser, TestApp app, IPage owner, string number, string email, string language)
    {
        var t = new UiTexts(app, "en");
        var them = new UiTexts(app, language);
        await owner.GotoAsync(Journeys.Url(app, $"/members/{number}"));
        await owner.GetByRole(AriaRole.Button, new() { Name = t["Invite to the portal"] }).ClickAsync();
        await Expect(owner.GetByTestId("portal-access")).ToContainTextAsync(t["Invitation sent."]);
        var outbox = new OutboxPage(owner, t);
        await outbox.OpenMailToAsync(new Shell(owner, t), email);
        var link = await outbox.PortalLinkAsync();
        var member = await browser.NewPageAsync(language);
        await member.GotoAsync(link);
        await member.GetByLabel(them["Password"], new() { Exact = true }).FillAsync(Password);
        await member.GetByLabel(them["Repeat the password"], new() { Exact = true }).FillAsync(Password);
        await member.GetByRole(AriaRole.Button, new() { Name = them["Save password and sign in"] }).ClickAsync();
        await Expect(member.GetByTestId("number")).ToHaveTextAsync(number);
        return member;
    }
}

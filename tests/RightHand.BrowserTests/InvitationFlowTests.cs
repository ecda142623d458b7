using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>Flow 2: the owner invites an assistant; the assistant, in their own browser, accepts, enrols an authenticator and works.</summary>
public sealed class InvitationFlowTests(OwnerFixture fixture) : IClassFixture<OwnerFixture>
{
    [Fact]
    public async Task Invited_assistant_chooses_a_password_enrols_an_authenticator_and_lands_on_the_dashboard()
    {
        var app = fixture.App;
        var ownerTexts = new UiTexts(app, "en");
        var assistant = Journeys.Assistant("Anna Assistentin", "de");
        var owner = await fixture.NewOwnerPageAsync();

        // The owner invites, on Access → People.
        var people = new PeoplePage(owner, ownerTexts);
        await people.OpenAsync(app.BaseUrl);
        await Expect(people.Heading).ToBeVisibleAsync();
        await people.InviteAsync(assistant.Name, assistant.Email, assistant.Language);
        await Expect(people.Status).ToContainTextAsync(assistant.Email);
        await Screenshots.SaveAsync(owner, "people-invited-en");

        // No SMTP server: the mail waits in Platform → Outbox, with the link in its body.
        var outbox = new OutboxPage(owner, ownerTexts);
        await outbox.OpenMailToAsync(new Shell(owner, ownerTexts), assistant.Email);
        await Screenshots.SaveAsync(owner, "outbox-mail-en");
        var link = await outbox.InvitationLinkAsync();
        Assert.StartsWith(app.BaseUrl + "/invitation/", link, StringComparison.Ordinal);
        await new Shell(owner, ownerTexts).NavLink("Outbox").ClickAsync();
        await Expect(outbox.Heading).ToBeVisibleAsync();
        await Screenshots.SaveAsync(owner, "outbox-en");

        // The assistant, in a second browser (German), opens the link and chooses a password.
        var page = await fixture.NewPageAsync(assistant.Language);
        var t = new UiTexts(app, assistant.Language);
        await page.GotoAsync(link);
        var invitation = new InvitationPage(page, t);
        await Expect(invitation.Heading).ToBeVisibleAsync();
        await Expect(page.GetByLabel(t["E-mail"], new() { Exact = true })).ToHaveValueAsync(assistant.Email);
        await Screenshots.SaveAsync(page, "invitation-de");
        await invitation.AcceptAsync(assistant.Password);

        // Assistants work with member data: the second factor is required before anything else.
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/account/two-factor"));
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Status)).ToHaveTextAsync(
            t["Your role works with member data and money, so two-factor sign-in is required before you continue."]);
        await page.GotoAsync(Journeys.Url(app, "/"));
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/account/two-factor"));
        await Screenshots.SaveAsync(page, "invitation-two-factor-de");
        await Journeys.EnrolAsync(page, app, assistant);
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/"));
        await Screenshots.SaveAsync(page, "dashboard-assistant-de");

        // An assistant sees the dashboard but not the owner's pages.
        var shell = new Shell(page, t);
        await Expect(shell.NavLink("Dashboard")).ToBeVisibleAsync();
        await Expect(shell.NavLink("People")).ToHaveCountAsync(0);

        // The link is spent.
        var again = await fixture.NewPageAsync(assistant.Language);
        await again.GotoAsync(link);
        await Expect(again.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToHaveTextAsync(
            t["This invitation link is invalid, already used or expired. Ask for a new invitation."]);

        await again.Context.CloseAsync();
        await page.Context.CloseAsync();
        await owner.Context.CloseAsync();
    }
}

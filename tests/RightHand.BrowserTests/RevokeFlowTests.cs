using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>Flow 3: the owner revokes an assistant; the assistant's open browser is signed out at its next click.</summary>
public sealed class RevokeFlowTests(OwnerFixture fixture) : IClassFixture<OwnerFixture>
{
    [Fact]
    public async Task Revoked_assistant_is_sent_to_the_sign_in_page_at_the_next_click()
    {
        var app = fixture.App;
        var ownerTexts = new UiTexts(app, "en");
        var assistant = Journeys.Assistant("Rita Revoked", "en");
        var owner = await fixture.NewOwnerPageAsync();
        var link = await Journeys.InviteAsync(owner, app, ownerTexts, assistant);

        var page = await fixture.NewPageAsync(assistant.Language);
        var t = new UiTexts(app, assistant.Language);
        await Journeys.AcceptUntilEnrolmentAsync(page, app, link, assistant);
        await Journeys.EnrolAsync(page, app, assistant);

        // The owner revokes, in one step.
        var people = new PeoplePage(owner, ownerTexts);
        await people.OpenAsync(app.BaseUrl);
        await Expect(people.AccountRow(assistant.Email)).ToContainTextAsync(ownerTexts["active"]);
        await people.RevokeButton(assistant.Name).ClickAsync();
        await Expect(people.Status).ToHaveTextAsync(ownerTexts["Access revoked. Every session and token of this person has ended."]);
        await Expect(people.RevokeButton(assistant.Name)).ToHaveCountAsync(0);
        await Expect(people.AccountRow(assistant.Email)).ToContainTextAsync(ownerTexts.Format("revoked {0}", "").Trim());
        await Screenshots.SaveAsync(owner, "people-revoked-en");

        // The assistant's browser still shows the dashboard; the next click is refused.
        await new Shell(page, t).NavLink("Dashboard").ClickAsync();
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/signin"));
        var signIn = new SignInPage(page, t);
        await Expect(signIn.Heading).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "revoked-signin-en");

        // And the password no longer opens the door.
        await signIn.SignInAsync(assistant.Email, assistant.Password);
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToHaveTextAsync(t["The e-mail address or the password is wrong."]);
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/signin"));

        await page.Context.CloseAsync();
        await owner.Context.CloseAsync();
    }
}

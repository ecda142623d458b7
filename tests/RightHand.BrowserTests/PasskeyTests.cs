using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using RightHand.Platform.Database;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>
/// Passkeys end to end: added on "My account", used on the sign-in page, with Chromium's virtual
/// authenticator as the device. Everything runs on http://localhost (see <see cref="VirtualAuthenticator.LocalhostUrl"/>).
/// </summary>
public sealed class PasskeyTests(OwnerFixture fixture) : IClassFixture<OwnerFixture>
{
    [Fact]
    public async Task Owner_adds_a_passkey_then_signs_in_with_the_passkey_alone()
    {
        var app = fixture.App;
        var owner = fixture.Owner;
        var t = new UiTexts(app, owner.Language);
        var baseUrl = VirtualAuthenticator.LocalhostUrl(app);
        var page = await fixture.NewPageAsync(owner.Language);
        var device = await VirtualAuthenticator.AddAsync(page);

        // Password and code first (the fixture's cookies belong to 127.0.0.1).
        await page.GotoAsync(baseUrl + "/signin");
        await new SignInPage(page, t).SignInAsync(owner.Email, owner.Password);
        await Expect(page).ToHaveURLAsync(VirtualAuthenticator.AtLocalhost(app, "/signin/two-factor"));
        await new SignInTwoFactorPage(page, t).ConfirmAsync(Totp.Code(owner.AuthenticatorKey!));
        await Expect(new DashboardPage(page, t).Greeting(owner.FirstName)).ToBeVisibleAsync();

        await page.GotoAsync(baseUrl + "/account");
        var passkeys = new AccountPasskeysSection(page, t);
        await Expect(passkeys.Heading).ToBeVisibleAsync();
        await passkeys.AddAsync("Test laptop");
        await Expect(passkeys.Status).ToHaveTextAsync(t.Format("Passkey “{0}” added. You can now sign in with it.", "Test laptop"));
        await Expect(passkeys.Row("Test laptop")).ToBeVisibleAsync();
        Assert.Equal(1, await device.CountCredentialsAsync());
        await Screenshots.SaveAsync(page, "account-passkeys-en");

        await new Shell(page, t).SignOutAsync();
        await Expect(page).ToHaveURLAsync(VirtualAuthenticator.AtLocalhost(app, "/signin"));
        await new PasskeySignIn(page, t).Button.ClickAsync();
        await Expect(new DashboardPage(page, t).Greeting(owner.FirstName)).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(VirtualAuthenticator.AtLocalhost(app, "/"));
        await Screenshots.SaveAsync(page, "passkey-signed-in-en");

        // The sign-in went through SessionSignInManager: an open session, an audited sign-in with the passkey.
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var passkey = await db.Passkeys.AsNoTracking().SingleAsync(p => p.Name == "Test laptop");
        Assert.NotNull(passkey.LastUsedAt);
        var signIn = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "signed_in" && e.EntityId == passkey.PersonId.ToString())
            .OrderByDescending(e => e.Seq).FirstAsync();
        Assert.Contains("passkey", signIn.Changes, StringComparison.Ordinal);
        Assert.True(await db.Sessions.AnyAsync(s => s.PersonId == passkey.PersonId && s.EndedAt == null && s.CreatedAt >= passkey.LastUsedAt!.Value.AddSeconds(-5)));

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Revoked_assistant_cannot_sign_in_with_their_passkey()
    {
        var app = fixture.App;
        var ownerTexts = new UiTexts(app, "en");
        var assistant = Journeys.Assistant("Paula Passkey", "de");
        var t = new UiTexts(app, assistant.Language);
        var owner = await fixture.NewOwnerPageAsync();
        var link = await Journeys.InviteAsync(owner, app, ownerTexts, assistant);

        // The assistant joins on localhost, connects the authenticator app and adds a passkey.
        var page = await fixture.NewPageAsync(assistant.Language);
        var device = await VirtualAuthenticator.AddAsync(page);
        await page.GotoAsync(link.Replace(app.BaseUrl, VirtualAuthenticator.LocalhostUrl(app), StringComparison.Ordinal));
        await new InvitationPage(page, t).AcceptAsync(assistant.Password);
        await Expect(page).ToHaveURLAsync(VirtualAuthenticator.AtLocalhost(app, "/account/two-factor"));
        await Journeys.EnrolAsync(page, app, assistant);
        await page.GotoAsync(VirtualAuthenticator.LocalhostUrl(app) + "/account");
        var passkeys = new AccountPasskeysSection(page, t);
        await passkeys.AddAsync("Handy");
        await Expect(passkeys.Row("Handy")).ToBeVisibleAsync();
        Assert.Equal(1, await device.CountCredentialsAsync());
        // While active, the passkey works (so what follows is the revocation, not the passkey).
        await new Shell(page, t).SignOutAsync();
        await new PasskeySignIn(page, t).Button.ClickAsync();
        await Expect(new DashboardPage(page, t).Greeting(assistant.FirstName)).ToBeVisibleAsync();

        var people = new PeoplePage(owner, ownerTexts);
        await people.OpenAsync(app.BaseUrl);
        await people.RevokeButton(assistant.Name).ClickAsync();
        await Expect(people.Status).ToHaveTextAsync(ownerTexts["Access revoked. Every session and token of this person has ended."]);

        // The device still offers the passkey; the server refuses it.
        await page.GotoAsync(VirtualAuthenticator.LocalhostUrl(app) + "/signin");
        await new PasskeySignIn(page, t).Button.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            t["This passkey cannot sign in here. Use your password, or ask the owner whether your access is still active."]);
        await Expect(page).ToHaveURLAsync(VirtualAuthenticator.AtLocalhost(app, "/signin"));
        await Screenshots.SaveAsync(page, "passkey-revoked-de");

        await page.Context.CloseAsync();
        await owner.Context.CloseAsync();
    }

    [Fact]
    public async Task A_passkey_counts_as_both_factors_when_the_role_needs_two()
    {
        var app = fixture.App;
        var ownerTexts = new UiTexts(app, "en");
        var person = Journeys.Assistant("Ivo Itwerk", "en");
        var t = new UiTexts(app, person.Language);
        var owner = await fixture.NewOwnerPageAsync();
        var people = new PeoplePage(owner, ownerTexts);
        await people.OpenAsync(app.BaseUrl);
        await people.InviteAsync(person.Name, person.Email, person.Language, role: "IT");
        await Expect(people.Status).ToContainTextAsync(person.Email);
        var outbox = new OutboxPage(owner, ownerTexts);
        await outbox.OpenMailToAsync(new Shell(owner, ownerTexts), person.Email);
        var link = await outbox.InvitationLinkAsync();

        // IT needs no second factor: the new person goes straight on and adds a passkey.
        var page = await fixture.NewPageAsync(person.Language);
        await VirtualAuthenticator.AddAsync(page);
        await page.GotoAsync(link.Replace(app.BaseUrl, VirtualAuthenticator.LocalhostUrl(app), StringComparison.Ordinal));
        await new InvitationPage(page, t).AcceptAsync(person.Password);
        await Expect(new DashboardPage(page, t).Greeting(person.FirstName)).ToBeVisibleAsync();
        await page.GotoAsync(VirtualAuthenticator.LocalhostUrl(app) + "/account");
        var passkeys = new AccountPasskeysSection(page, t);
        await passkeys.AddAsync("Desk key");
        await Expect(passkeys.Row("Desk key")).ToBeVisibleAsync();

        // Now an assistant, with no authenticator app: after a password they would have to enrol one first.
        await people.OpenAsync(app.BaseUrl);
        await people.ChangeRoleAsync(person.Email, person.Name, "Assistant");
        await Expect(people.Status).ToHaveTextAsync(ownerTexts["Role changed."]);
        await page.GotoAsync(VirtualAuthenticator.LocalhostUrl(app) + "/");
        await Expect(page).ToHaveURLAsync(VirtualAuthenticator.AtLocalhost(app, "/account/two-factor"));

        // The passkey (verified on the device) is both factors: straight to the dashboard.
        await new Shell(page, t).SignOutAsync();
        await new PasskeySignIn(page, t).Button.ClickAsync();
        await Expect(new DashboardPage(page, t).Greeting(person.FirstName)).ToBeVisibleAsync();
        // And stays so on the next pages (the session validation keeps the marker).
        await page.GotoAsync(VirtualAuthenticator.LocalhostUrl(app) + "/account");
        await Expect(page).ToHaveURLAsync(VirtualAuthenticator.AtLocalhost(app, "/account"));
        await Expect(passkeys.Row("Desk key")).ToBeVisibleAsync();

        await page.Context.CloseAsync();
        await owner.Context.CloseAsync();
    }
}

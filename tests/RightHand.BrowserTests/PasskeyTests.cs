using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using RightHand.Platform.Database;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>
/// Passkeys end to end with Chromium's virtual authenticator (DevTools protocol, WebAuthn domain): it
/// answers navigator.credentials like a platform authenticator whose user is verified (fingerprint
/// accepted), so the real browser code and the real server checks run.
/// </summary>
public sealed class PasskeyTests(OwnerFixture fixture) : IClassFixture<OwnerFixture>
{
    [Fact]
    public async Task Owner_adds_a_passkey_then_signs_in_with_the_passkey_alone()
    {
        var app = fixture.App;
        var owner = fixture.Owner;
        var t = new UiTexts(app, owner.Language);
        // WebAuthn needs a secure context and a domain as relying party id. http://localhost is both; the
        // app's own address, http://127.0.0.1, is an IP address, which browsers refuse as relying party.
        var baseUrl = new UriBuilder(app.BaseUrl) { Host = "localhost" }.Uri.GetLeftPart(UriPartial.Authority);
        Regex At(string path) => new("^" + Regex.Escape(baseUrl + path) + @"(\?.*)?$");

        var page = await fixture.NewPageAsync(owner.Language);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var authenticator = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        var authenticatorId = authenticator!.Value.GetProperty("authenticatorId").GetString()!;

        // Password and code, on localhost (the fixture's cookies belong to 127.0.0.1).
        await page.GotoAsync(baseUrl + "/signin");
        await new SignInPage(page, t).SignInAsync(owner.Email, owner.Password);
        await Expect(page).ToHaveURLAsync(At("/signin/two-factor"));
        await new SignInTwoFactorPage(page, t).ConfirmAsync(Totp.Code(owner.AuthenticatorKey!));
        await Expect(new DashboardPage(page, t).Greeting(owner.FirstName)).ToBeVisibleAsync();

        await page.GotoAsync(baseUrl + "/account");
        var passkeys = new AccountPasskeysSection(page, t);
        await Expect(passkeys.Heading).ToBeVisibleAsync();
        await passkeys.AddAsync("Test laptop");
        await Expect(passkeys.Status).ToHaveTextAsync(t.Format("Passkey “{0}” added. You can now sign in with it.", "Test laptop"));
        await Expect(passkeys.Row("Test laptop")).ToBeVisibleAsync();
        var stored = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        Assert.Equal(1, stored!.Value.GetProperty("credentials").GetArrayLength());
        await Screenshots.SaveAsync(page, "account-passkeys-en");

        await new Shell(page, t).SignOutAsync();
        await Expect(page).ToHaveURLAsync(At("/signin"));
        await new PasskeySignIn(page, t).Button.ClickAsync();
        await Expect(new DashboardPage(page, t).Greeting(owner.FirstName)).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(At("/"));
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
}

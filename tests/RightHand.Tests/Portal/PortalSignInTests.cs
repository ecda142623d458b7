using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Portal;

/// <summary>Getting into the portal: invitation, password, sign-in link, reset, lockout, and the links' single use and expiry.</summary>
public sealed class PortalSignInTests
{
    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Invitation_LetsTheMemberChooseAPassword_AndSignInWithIt(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var number = await PortalMembers.CreateAsync(app, owner, "Greta", "Gärtner", "greta@example.org", language: "de");

        var token = await PortalMembers.InviteAsync(app, owner, number, "greta@example.org");
        await using (var scope = app.Scope())
        {
            var mail = await scope.ServiceProvider.GetRequiredService<AppDb>().OutgoingMails.SingleAsync(m => m.To == "greta@example.org");
            Assert.Contains("Mitgliederportal", mail.Subject, StringComparison.Ordinal); // in the member's language
        }
        var page = await Html.GetAsync(owner.Client, $"/members/{number}");
        Assert.Contains("Invited", page.QuerySelector("[data-testid=portal-access]")!.TextContent, StringComparison.Ordinal);

        var browser = app.CreateClient();
        var tooShort = await browser.SubmitAsync($"/portal/invitation/{token}", "set-password", new Dictionary<string, string> { ["Input.Password"] = "short", ["Input.Confirm"] = "short" });
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var set = await browser.SubmitAsync($"/portal/invitation/{token}", "set-password", new Dictionary<string, string>
        {
            ["Input.Password"] = PortalMembers.Password, ["Input.Confirm"] = PortalMembers.Password,
        });
        Assert.Equal("/portal", Html.Location(set));
        var home = await Html.GetAsync(browser, "/portal");
        Assert.Equal(number, home.QuerySelector("[data-testid=number]")!.TextContent);

        // The link is spent.
        var again = await Html.GetAsync(app.CreateClient(), $"/portal/invitation/{token}");
        Assert.DoesNotContain("set-password", Html.FormNames(again));

        var other = app.CreateClient();
        Assert.Equal("/portal", Html.Location(await PortalMembers.SignInAsync(other, "GRETA@example.org")));
        var wrong = await PortalMembers.SignInAsync(app.CreateClient(), "greta@example.org", "not the password at all");
        Assert.Contains("The e-mail address or the password is wrong.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Signing out ends the portal session.
        var form = (await Html.GetAsync(other, "/portal")).QuerySelector("form[action='/portal/sign-out']")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        Assert.Equal("/portal/sign-in", Html.Location(await other.PostAsync("/portal/sign-out", new FormUrlEncodedContent(fields))));
        Assert.Equal("/portal/sign-in", Html.LocationPath(await other.GetAsync("/portal")));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task SignInLink_WorksOnce_AndNotAfterFifteenMinutes_AndTheAnswerNamesNobody(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var number = await PortalMembers.CreateAsync(app, owner, "Hanna", "Hirsch", "hanna@example.org");
        await PortalMembers.InviteAndAcceptAsync(app, owner, number, "hanna@example.org");

        async Task<string> AskAsync(string email)
        {
            var response = await app.CreateClient().SubmitAsync("/portal/sign-in", "link", new Dictionary<string, string> { ["Link.Email"] = email, ["Link.Purpose"] = "sign-in" });
            return Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".alert")!.TextContent.Trim();
        }
        var known = await AskAsync("hanna@example.org");
        var unknown = await AskAsync("nobody@example.org");
        Assert.Equal(known, unknown);
        Assert.Equal(0, await PortalMembers.MailsToAsync(app, "nobody@example.org"));

        var token = (await PortalMembers.LinkAsync(app, "hanna@example.org", "link"))!;
        var browser = app.CreateClient();
        var used = await browser.SubmitAsync($"/portal/link/{token}", "use-link", new Dictionary<string, string>());
        Assert.Equal("/portal", Html.Location(used));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/portal/profile")).StatusCode);
        var twice = await Html.GetAsync(app.CreateClient(), $"/portal/link/{token}");
        Assert.DoesNotContain("use-link", Html.FormNames(twice));

        clock.Advance(TimeSpan.FromMinutes(1));
        await AskAsync("hanna@example.org");
        var late = (await PortalMembers.LinkAsync(app, "hanna@example.org", "link"))!;
        Assert.NotEqual(token, late);
        clock.Advance(TimeSpan.FromMinutes(16));
        var expired = await Html.GetAsync(app.CreateClient(), $"/portal/link/{late}");
        Assert.DoesNotContain("use-link", Html.FormNames(expired));
        Assert.Contains("invalid, already used or expired", expired.Body!.TextContent, StringComparison.Ordinal);

        // An invitation lasts 14 days, then it too is refused.
        var late2 = await PortalMembers.CreateAsync(app, owner, "Jonas", "Jaguar", "jonas@example.org");
        var invitation = await PortalMembers.InviteAsync(app, owner, late2, "jonas@example.org");
        clock.Advance(TimeSpan.FromDays(15));
        var refused = await Html.GetAsync(app.CreateClient(), $"/portal/invitation/{invitation}");
        Assert.DoesNotContain("set-password", Html.FormNames(refused));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task PasswordReset_ByMailedLink_ReplacesThePassword_AndFiveWrongPasswordsLockTheAccount(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Access:SignInAttemptsPerMinute"] = "1000" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var number = await PortalMembers.CreateAsync(app, owner, "Ida", "Igel", "ida@example.org");
        var first = await PortalMembers.InviteAndAcceptAsync(app, owner, number, "ida@example.org");

        await app.CreateClient().SubmitAsync("/portal/sign-in", "link", new Dictionary<string, string> { ["Link.Email"] = "ida@example.org", ["Link.Purpose"] = "reset" });
        var token = (await PortalMembers.LinkAsync(app, "ida@example.org", "invitation"))!;
        const string newPassword = "another long passphrase";
        var set = await app.CreateClient().SubmitAsync($"/portal/invitation/{token}", "set-password", new Dictionary<string, string>
        {
            ["Input.Password"] = newPassword, ["Input.Confirm"] = newPassword,
        });
        Assert.Equal("/portal", Html.Location(set));
        // The old session ended with the old password; the old password no longer works, the new one does.
        Assert.Equal("/portal/sign-in", Html.LocationPath(await first.GetAsync("/portal/profile")));
        Assert.NotEqual("/portal", Html.Location(await PortalMembers.SignInAsync(app.CreateClient(), "ida@example.org")));
        Assert.Equal("/portal", Html.Location(await PortalMembers.SignInAsync(app.CreateClient(), "ida@example.org", newPassword)));

        for (var i = 0; i < 5; i++) await PortalMembers.SignInAsync(app.CreateClient(), "ida@example.org", "wrong wrong wrong");
        var locked = await PortalMembers.SignInAsync(app.CreateClient(), "ida@example.org", newPassword);
        Assert.Contains("locked for 15 minutes", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

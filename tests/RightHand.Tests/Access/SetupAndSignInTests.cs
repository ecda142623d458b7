using Xunit;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;

namespace RightHand.Tests.Access;

/// <summary>The first run (set-up of the owner with an authenticator) and signing in with two steps.</summary>
public sealed class SetupAndSignInTests
{
    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task FreshInstance_SendsVisitorFromHomeViaSignInToSetup(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var client = app.CreateClient();

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/signin", Html.LocationPath(home));

        var signIn = await client.GetAsync(Html.Location(home));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/setup", Html.LocationPath(signIn));

        var setup = await Html.GetAsync(client, "/setup");
        Assert.Contains("setup", Html.FormNames(setup));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Setup_CreatesOwner_WhoReachesDashboardOnlyAfterEnrollingAuthenticator(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var client = app.CreateClient();

        var setup = await client.SubmitAsync("/setup", "setup", new Dictionary<string, string>
        {
            ["Input.Name"] = "Olivia Owner", ["Input.Email"] = "owner@example.org",
            ["Input.Password"] = StaffSession.DefaultPassword, ["Input.Confirm"] = StaffSession.DefaultPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, setup.StatusCode);
        Assert.Equal("/account/two-factor", Html.Location(setup));

        // Signed in, but every staff page sends the owner back to the authenticator first.
        foreach (var page in new[] { "/", "/audit", "/access/people" })
        {
            var blocked = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
            Assert.Equal("/account/two-factor", Html.LocationPath(blocked));
        }

        var (_, recoveryCodes) = await StaffSession.EnrolAuthenticatorAsync(client);
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(10, recoveryCodes.Distinct(StringComparer.Ordinal).Count());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await using (var scope = app.Scope())
        {
            var owner = await scope.ServiceProvider.GetRequiredService<AppDb>().People.SingleAsync();
            Assert.Equal(Roles.Owner, owner.Role);
            Assert.True(owner.TwoFactorEnabled);
        }

        // Set-up is over: a second visitor is sent to sign in instead.
        var again = await app.CreateClient().GetAsync("/setup");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/signin", Html.LocationPath(again));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task OwnerWithoutAuthenticator_CannotPostStaffForms_EitherAndInvitesNobody(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var client = app.CreateClient();
        await client.SubmitAsync("/setup", "setup", new Dictionary<string, string>
        {
            ["Input.Name"] = "Olivia Owner", ["Input.Email"] = "owner@example.org",
            ["Input.Password"] = StaffSession.DefaultPassword, ["Input.Confirm"] = StaffSession.DefaultPassword,
        });
        // The enrolment page is the only one that opens; its antiforgery token is valid for any form of this browser.
        var enrolPage = await OpenForm.LoadAsync(client, "/account/two-factor", "enrol");

        var invite = await enrolPage.SubmitAsync(new Dictionary<string, string>
        {
            ["_handler"] = "invite", ["Invite.Name"] = "Mallory", ["Invite.Email"] = "mallory@example.org",
            ["Invite.Role"] = Roles.Owner, ["Invite.Language"] = "en",
        }, to: "/access/people");

        Assert.NotEqual(HttpStatusCode.OK, invite.StatusCode);
        await using var scope = app.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDb>().Invitations.AnyAsync());
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Setup_WithDemoData_InvitesTheDemoTeam_AndStillAsksForTheAuthenticator(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var client = app.CreateClient();

        var setup = await client.SubmitAsync("/setup", "setup", new Dictionary<string, string>
        {
            ["Input.Name"] = "Olivia Owner", ["Input.Email"] = "owner@example.org",
            ["Input.Password"] = StaffSession.DefaultPassword, ["Input.Confirm"] = StaffSession.DefaultPassword, ["Input.Demo"] = "true",
        });

        Assert.Equal("/account/two-factor", Html.Location(setup));
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.Equal(3, await db.Invitations.CountAsync());
        Assert.Equal(3, await db.OutgoingMails.CountAsync(m => m.TextBody.Contains("/invitation/")));
        // The assistant has joined (the delegation demo shows her work); the others' invitations are open.
        Assert.Equal([Roles.Owner, Roles.Assistant], await db.People.OrderBy(p => p.Role == Roles.Assistant).Select(p => p.Role).ToListAsync());
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Setup_WithDifferentConfirmation_CreatesNoOwner(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);

        var setup = await app.CreateClient().SubmitAsync("/setup", "setup", new Dictionary<string, string>
        {
            ["Input.Name"] = "Olivia Owner", ["Input.Email"] = "owner@example.org",
            ["Input.Password"] = StaffSession.DefaultPassword, ["Input.Confirm"] = StaffSession.DefaultPassword + "!",
        });

        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Contains("The two passwords differ.", await setup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = app.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDb>().People.AnyAsync());
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task SignIn_WithRightPassword_StillNeedsAuthenticatorCode(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var client = app.CreateClient();

        var password = await client.SubmitAsync("/signin", "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = owner.Email, ["Input.Password"] = owner.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal("/signin/two-factor", Html.LocationPath(password));
        // The password alone opens nothing.
        Assert.Equal("/signin", Html.LocationPath(await client.GetAsync("/")));

        var wrong = await client.SubmitAsync(Html.Location(password)!, "two-factor", new Dictionary<string, string> { ["Input.Code"] = WrongCode(owner.AuthenticatorKey!) });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The code is wrong or has expired.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/signin", Html.LocationPath(await client.GetAsync("/")));

        var right = await client.SubmitAsync(Html.Location(password)!, "two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(owner.AuthenticatorKey!) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", Html.Location(right));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task RecoveryCode_SignsInOnce_AndIsRefusedTheSecondTime(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var code = owner.RecoveryCodes[3];

        var first = await SecondStepAsync(app, owner, code);
        Assert.Equal(HttpStatusCode.Redirect, first.Response.StatusCode);
        Assert.Equal("/", Html.Location(first.Response));
        Assert.Equal(HttpStatusCode.OK, (await first.Client.GetAsync("/")).StatusCode);

        var second = await SecondStepAsync(app, owner, code);
        Assert.Equal(HttpStatusCode.OK, second.Response.StatusCode);
        Assert.Contains("The code is wrong or has expired.", await second.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/signin", Html.LocationPath(await second.Client.GetAsync("/")));

        // Another, unused code still works.
        var other = await SecondStepAsync(app, owner, owner.RecoveryCodes[4]);
        Assert.Equal("/", Html.Location(other.Response));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightPassword_AndAreAudited(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var client = app.CreateClient();

        string page = "";
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var response = await client.SubmitAsync("/signin", "signin", new Dictionary<string, string>
            {
                ["Input.Email"] = owner.Email, ["Input.Password"] = $"wrong password {attempt}",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await response.Content.ReadAsStringAsync();
            if (attempt < 5) Assert.Contains("The e-mail address or the password is wrong.", page, StringComparison.Ordinal);
        }
        Assert.Contains("Too many failed attempts: this account is locked for 15 minutes.", page, StringComparison.Ordinal);

        var right = await client.SubmitAsync("/signin", "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = owner.Email, ["Input.Password"] = owner.Password,
        });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Too many failed attempts", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/signin", Html.LocationPath(await client.GetAsync("/")));

        await using var scope = app.Scope();
        var actions = await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries
            .Where(e => e.EntityId == owner.PersonId.ToString() && e.Action.StartsWith("sign_in_")).Select(e => e.Action).ToListAsync();
        Assert.Equal(4, actions.Count(a => a == "sign_in_failed"));
        Assert.Equal(2, actions.Count(a => a == "sign_in_locked_out"));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task FiveWrongAuthenticatorCodes_LockTheAccount_EvenForTheRightCode(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var client = app.CreateClient();
        var password = await client.SubmitAsync("/signin", "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = owner.Email, ["Input.Password"] = owner.Password,
        });
        var step = Html.Location(password)!;

        for (var attempt = 1; attempt <= 5; attempt++)
            await client.SubmitAsync(step, "two-factor", new Dictionary<string, string> { ["Input.Code"] = WrongCode(owner.AuthenticatorKey!) });
        var right = await client.SubmitAsync(step, "two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(owner.AuthenticatorKey!) });

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Too many failed attempts", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/signin", Html.LocationPath(await client.GetAsync("/")));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task SignInPosts_BeyondTheLimitPerMinute_AreTurnedAway(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Access:SignInAttemptsPerMinute"] = "3" });
        await StaffSession.SetUpOwnerAsync(app);
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 4; attempt++)
            statuses.Add((await client.SubmitAsync("/signin", "signin", new Dictionary<string, string>
            {
                ["Input.Email"] = $"guess{attempt}@example.org", ["Input.Password"] = "not the password",
            })).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // Pages stay open; only the posts are limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signin")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\\/evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task SignIn_WithReturnUrlNamingAnotherSite_GoesToTheDashboard(string returnUrl)
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var client = app.CreateClient();

        var password = await client.SubmitAsync("/signin", "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = owner.Email, ["Input.Password"] = owner.Password, ["Input.ReturnUrl"] = returnUrl,
        });
        var code = await client.SubmitAsync(Html.Location(password)!, "two-factor", new Dictionary<string, string>
        {
            ["Input.Code"] = Totp.Code(owner.AuthenticatorKey!), ["Input.ReturnUrl"] = returnUrl,
        });

        foreach (var response in new[] { password, code })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var target = new Uri(new Uri(app.BaseUrl), response.Headers.Location!);
            Assert.Equal("localhost", target.Host);
        }
        Assert.Equal("/", Html.Location(code));
    }

    private static async Task<(HttpClient Client, HttpResponseMessage Response)> SecondStepAsync(TestApp app, StaffSession person, string code)
    {
        var client = app.CreateClient();
        var password = await client.SubmitAsync("/signin", "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = person.Email, ["Input.Password"] = person.Password,
        });
        Assert.Equal("/signin/two-factor", Html.LocationPath(password));
        return (client, await client.SubmitAsync(Html.Location(password)!, "two-factor", new Dictionary<string, string> { ["Input.Code"] = code }));
    }

    /// <summary>A six-digit code that is not the current one (each digit shifted by one).</summary>
    private static string WrongCode(string key) =>
        new(Totp.Code(key).Select(c => (char)('0' + ((c - '0' + 1) % 10))).ToArray());
}

using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Access;

/// <summary>Taking access away: revoking a person, ending a session, changing a role; each applies on the very next request.</summary>
public sealed class RevocationTests
{
    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task RevokedAssistant_IsRefusedOnNextRequest_AndTheirTokenStopsWorking(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await owner.InviteAndAcceptAsync(app, "Maria Santos", "maria@example.org", Roles.Assistant);
        var token = await CreateTokenAsync(owner, "maria's script", Roles.Assistant, assistant.PersonId);
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await assistant.Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var revoked = await owner.Client.SubmitAsync("/access/people", $"revoke-{assistant.PersonId}", new Dictionary<string, string>());
        Assert.Contains("Access revoked.", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var next = await assistant.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/signin", Html.LocationPath(next));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        // Nor can they sign in again with their password.
        var again = await app.CreateClient().SubmitAsync("/signin", "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = assistant.Email, ["Input.Password"] = assistant.Password,
        });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        await using var scope = app.Scope();
        var entry = await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries
            .SingleAsync(e => e.Action == "access_revoked" && e.EntityId == assistant.PersonId.ToString());
        Assert.Equal(owner.PersonId, entry.ActorPersonId);
        Assert.Equal(owner.Name, entry.ActorName);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task OwnerCannotRevokeThemselves(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await owner.InviteAndAcceptAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);

        var page = await Html.GetAsync(owner.Client, "/access/people");

        Assert.DoesNotContain($"revoke-{owner.PersonId}", Html.FormNames(page));
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/")).StatusCode);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task EndingASession_SignsOutThatBrowserOnly(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var it = await owner.InviteAndAcceptAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);
        var laptop = it.Client;
        var phone = await it.SignInAgainAsync(app);

        List<Guid> sessions;
        await using (var scope = app.Scope())
            sessions = await scope.ServiceProvider.GetRequiredService<AppDb>().Sessions
                .Where(s => s.PersonId == it.PersonId && s.EndedAt == null).OrderBy(s => s.CreatedAt).Select(s => s.Id).ToListAsync();
        Assert.Equal(2, sessions.Count);

        var page = await Html.GetAsync(owner.Client, "/access/sessions");
        Assert.Equal(2, page.QuerySelectorAll("tbody tr").Count(r => r.TextContent.Contains(it.Name, StringComparison.Ordinal)));
        Assert.Contains($"end-{sessions[0]}", Html.FormNames(page));
        Assert.Contains($"end-{sessions[1]}", Html.FormNames(page));

        var ended = await owner.Client.SubmitAsync("/access/sessions", $"end-{sessions[0]}", new Dictionary<string, string>());
        Assert.Contains("Session ended.", await ended.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal("/signin", Html.LocationPath(await laptop.GetAsync("/")));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/")).StatusCode);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task RevokedPerson_CanBeInvitedAgain_AndStartsWithANewPasswordAndAuthenticator(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var first = await owner.InviteAndAcceptAsync(app, "Maria Santos", "maria@example.org", Roles.Assistant);
        await owner.Client.SubmitAsync("/access/people", $"revoke-{first.PersonId}", new Dictionary<string, string>());

        // The sign-in page tells a person who forgot their password to ask for exactly this.
        var token = await owner.InviteAsync(app, "Maria Santos", "maria@example.org", Roles.Assistant);
        var client = app.CreateClient();
        const string newPassword = "a brand new passphrase here";
        var accepted = await client.SubmitAsync($"/invitation/{token}", "accept", new Dictionary<string, string>
        {
            ["Input.Password"] = newPassword, ["Input.Confirm"] = newPassword,
        });
        Assert.Equal("/account/two-factor", Html.Location(accepted));
        var (key, _) = await StaffSession.EnrolAuthenticatorAsync(client);
        Assert.NotEqual(first.AuthenticatorKey, key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        // The old password and the old authenticator are gone; the new ones work.
        var old = await app.CreateClient().SubmitAsync("/signin", "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = first.Email, ["Input.Password"] = first.Password,
        });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        await StaffSession.SignInAsync(app, first.Email, newPassword, key);
        // The old cookie stays dead.
        Assert.Equal("/signin", Html.LocationPath(await first.Client.GetAsync("/")));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ChangingMyPassword_SignsOutMyOtherBrowsers_ButNotThisOne(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var it = await owner.InviteAndAcceptAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);
        var other = await it.SignInAgainAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/")).StatusCode);

        var changed = await it.Client.SubmitAsync("/account", "password", new Dictionary<string, string>
        {
            ["Input.Current"] = it.Password, ["Input.New"] = "my password leaked, new one",
        });
        Assert.Contains("Your password was changed.", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal("/signin", Html.LocationPath(await other.GetAsync("/")));
        Assert.Equal(HttpStatusCode.OK, (await it.Client.GetAsync("/")).StatusCode);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task SigningOut_EndsTheSession_SoACopiedCookieNoLongerWorks(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await owner.InviteAndAcceptAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);
        var cookies = new CookieContainer();
        using var browser = app.CreateClient(acceptLanguage: null, cookies: cookies);
        await StaffSession.SignInAsync(app, "jonas@example.org", StaffSession.DefaultPassword, null, browser);
        // A copy of the cookie, as someone who took it from the browser would keep it.
        var copied = cookies.GetCookieHeader(new Uri(app.BaseUrl));

        var page = await Html.GetAsync(browser, "/");
        var form = page.QuerySelectorAll("form").First(f => f.GetAttribute("action") == "/signout");
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var signedOut = await browser.PostAsync("/signout", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        using var replay = new HttpClient(app.App.GetTestServer().CreateHandler()) { BaseAddress = new Uri(app.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", copied);
        Assert.Equal("/signin", Html.LocationPath(await replay.SendAsync(request)));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task RoleChange_AppliesOnTheNextRequest_WithoutSigningInAgain(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var person = await owner.InviteAndAcceptAsync(app, "Steuerkanzlei Weber", "kanzlei@example.org", Roles.Accountant);
        Assert.Equal("/access-denied", Html.LocationPath(await person.Client.GetAsync("/audit")));

        // Promoted to owner: the same cookie now needs a second factor, and then opens the audit trail.
        await ChangeRoleAsync(owner, person, Roles.Owner);
        Assert.Equal("/account/two-factor", Html.LocationPath(await person.Client.GetAsync("/")));
        await StaffSession.EnrolAuthenticatorAsync(person.Client);
        Assert.Equal(HttpStatusCode.OK, (await person.Client.GetAsync("/audit")).StatusCode);

        // Demoted again: refused at once.
        await ChangeRoleAsync(owner, person, Roles.Accountant);
        var audit = await person.Client.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, audit.StatusCode);
        Assert.Equal("/access-denied", Html.LocationPath(audit));
        Assert.Equal(HttpStatusCode.OK, (await person.Client.GetAsync("/")).StatusCode);

        await using var scope = app.Scope();
        var changes = await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries
            .Where(e => e.Action == "role_changed" && e.EntityId == person.PersonId.ToString()).CountAsync();
        Assert.Equal(2, changes);
    }

    private static async Task ChangeRoleAsync(StaffSession owner, StaffSession person, string role)
    {
        var response = await owner.Client.SubmitAsync("/access/people", $"role-{person.PersonId}", new Dictionary<string, string> { ["NewRole"] = role });
        Assert.Contains("Role changed.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The owner creates a token on /access/tokens and copies it from the page.</summary>
    internal static async Task<string> CreateTokenAsync(StaffSession owner, string name, string role, Guid? personId = null, string? scope = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Role"] = role, ["Input.PersonId"] = personId?.ToString() ?? "" };
        if (scope is not null) fields["Input.Scopes"] = scope;
        var response = await owner.Client.SubmitAsync("/access/tokens", "create-token", fields);
        var secret = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=new-token]")?.TextContent;
        return secret ?? throw new InvalidOperationException("No token shown.");
    }
}

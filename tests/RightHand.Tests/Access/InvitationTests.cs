using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Mail;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Access;

/// <summary>Inviting a person by e-mail: the mail in the outbox, accepting once, expiry, and passwords nobody else sees.</summary>
public sealed class InvitationTests
{
    private static readonly Dictionary<string, string> Passwords = new()
    {
        ["Input.Password"] = StaffSession.DefaultPassword, ["Input.Confirm"] = StaffSession.DefaultPassword,
    };

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task InvitedAssistant_AcceptsLinkFromOutbox_MustEnrolAuthenticator_ThenReachesDashboard(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);

        var token = await owner.InviteAsync(app, "Maria Santos", "maria@example.org", Roles.Assistant);

        // Without SMTP the mail waits in the outbox, where the owner can read the link.
        Guid mailId;
        await using (var scope = app.Scope())
        {
            var mail = await scope.ServiceProvider.GetRequiredService<AppDb>().OutgoingMails.SingleAsync(m => m.To == "maria@example.org");
            Assert.Equal(MailState.Outbox, mail.State);
            mailId = mail.Id;
        }
        var shown = (await Html.GetAsync(owner.Client, $"/platform/outbox/{mailId}")).QuerySelector("[data-testid=mail-body]")!.TextContent;
        Assert.Contains($"/invitation/{token}", shown, StringComparison.Ordinal);

        var invitee = app.CreateClient();
        var accepted = await invitee.SubmitAsync($"/invitation/{token}", "accept", Passwords);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/account/two-factor", Html.Location(accepted));
        Assert.Equal("/account/two-factor", Html.LocationPath(await invitee.GetAsync("/")));

        var (_, codes) = await StaffSession.EnrolAuthenticatorAsync(invitee);
        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync("/")).StatusCode);

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var person = await db.People.SingleAsync(p => p.Email == "maria@example.org");
            Assert.Equal(Roles.Assistant, person.Role);
            Assert.True(person.TwoFactorEnabled);
            var invitation = await db.Invitations.SingleAsync();
            Assert.Equal(person.Id, invitation.PersonId);
            Assert.NotNull(invitation.AcceptedAt);
        }
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task InvitedAccountant_IsNotForcedToEnrolAuthenticator(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var token = await owner.InviteAsync(app, "Steuerkanzlei Weber", "kanzlei@example.org", Roles.Accountant);

        var invitee = app.CreateClient();
        var accepted = await invitee.SubmitAsync($"/invitation/{token}", "accept", Passwords);

        Assert.Equal("/", Html.Location(accepted));
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync("/")).StatusCode);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task InvitationLink_WorksOnce_EvenFromAFormOpenedBeforeItWasUsed(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var token = await owner.InviteAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);
        var laterTab = await OpenForm.LoadAsync(app.CreateClient(), $"/invitation/{token}", "accept");

        var first = await app.CreateClient().SubmitAsync($"/invitation/{token}", "accept", Passwords);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var second = await laterTab.SubmitAsync(new Dictionary<string, string>
        {
            ["Input.Password"] = "another password entirely", ["Input.Confirm"] = "another password entirely",
        });
        // The spent link's page no longer has the form, so the post is refused (the framework answers 400).
        Assert.NotEqual(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/signin", Html.LocationPath(await laterTab.Client.GetAsync("/")));

        var page = await Html.GetAsync(app.CreateClient(), $"/invitation/{token}");
        Assert.DoesNotContain("accept", Html.FormNames(page));
        Assert.Contains("already used or expired", page.Body!.TextContent, StringComparison.Ordinal);

        await using var scope = app.Scope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDb>().People.CountAsync(p => p.Email == "jonas@example.org"));
        // The first password is the one that counts.
        await StaffSession.SignInAsync(app, "jonas@example.org", StaffSession.DefaultPassword, null);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task WithdrawnInvitation_IsRefused(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var token = await owner.InviteAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);
        Guid id;
        await using (var scope = app.Scope())
            id = await scope.ServiceProvider.GetRequiredService<AppDb>().Invitations.Select(i => i.Id).SingleAsync();

        var withdrawn = await owner.Client.SubmitAsync("/access/people", $"withdraw-{id}", new Dictionary<string, string>());
        Assert.Contains("Invitation withdrawn.", await withdrawn.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = await Html.GetAsync(app.CreateClient(), $"/invitation/{token}");
        Assert.DoesNotContain("accept", Html.FormNames(page));
        Assert.Contains("already used or expired", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ExpiredInvitation_IsRefused_AndCreatesNoAccount(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var token = await owner.InviteAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);
        var openTab = await OpenForm.LoadAsync(app.CreateClient(), $"/invitation/{token}", "accept");

        clock.Advance(Invitation.Lifetime + TimeSpan.FromMinutes(1));

        var late = await openTab.SubmitAsync(Passwords);
        Assert.NotEqual(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Equal("/signin", Html.LocationPath(await openTab.Client.GetAsync("/")));
        var page = await Html.GetAsync(app.CreateClient(), $"/invitation/{token}");
        Assert.DoesNotContain("accept", Html.FormNames(page));

        await using var scope = app.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDb>().People.AnyAsync(p => p.Email == "jonas@example.org"));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task InvitationOpenShortlyBeforeExpiry_StillWorks(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var token = await owner.InviteAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);

        clock.Advance(Invitation.Lifetime - TimeSpan.FromMinutes(1));

        var accepted = await app.CreateClient().SubmitAsync($"/invitation/{token}", "accept", Passwords);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task NoPageApiOrAuditEntry_ShowsAPasswordHash(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var it = await owner.InviteAndAcceptAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);

        List<string> hashes;
        List<string> personChanges;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            hashes = await db.People.Select(p => p.PasswordHash!).ToListAsync();
            personChanges = await db.AuditEntries.Where(e => e.EntityType == nameof(Person) && e.Action == "created").Select(e => e.Changes).ToListAsync();
        }
        Assert.Equal(2, hashes.Count);
        Assert.All(hashes, h => Assert.True(h.Length > 20));

        // The trail records that a password was set, never its hash.
        Assert.Equal(2, personChanges.Count);
        foreach (var changes in personChanges)
        {
            using var json = JsonDocument.Parse(changes);
            Assert.Equal("(hidden)", json.RootElement.GetProperty(nameof(Person.PasswordHash)).GetProperty("New").GetString());
            Assert.Equal("(hidden)", json.RootElement.GetProperty(nameof(Person.SecurityStamp)).GetProperty("New").GetString());
        }

        foreach (var url in new[] { "/", "/access/people", "/access/sessions", "/access/tokens", "/account", "/audit", "/audit/export.csv", "/api/v1/audit?limit=1000", "/api/v1/me", "/platform/outbox" })
        {
            var body = await owner.Client.GetStringAsync(url);
            Assert.All(hashes, hash => Assert.DoesNotContain(hash, body, StringComparison.Ordinal));
        }
        var own = await it.Client.GetStringAsync("/account");
        Assert.All(hashes, hash => Assert.DoesNotContain(hash, own, StringComparison.Ordinal));
    }
}

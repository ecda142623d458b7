using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Formats;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Audit;

/// <summary>What the trail records with each change, and how the owner reads it: the page's filters and the CSV export.</summary>
public sealed class AuditTrailTests
{
    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Invitation_WritesEntriesForInvitationAndMail_ByTheOwner_InOneSave(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var before = await EntriesAsync(app);

        await owner.InviteAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);

        var added = (await EntriesAsync(app)).Skip(before.Count).ToList();
        Assert.Equal(["Invitation", "OutgoingMail"], added.Select(e => e.EntityType).Order(StringComparer.Ordinal));
        Assert.All(added, e =>
        {
            Assert.Equal("created", e.Action);
            Assert.Equal(owner.PersonId, e.ActorPersonId);
        });
        Assert.Equal(["Access", "Platform"], added.Select(e => e.Module).Order(StringComparer.Ordinal));
        Assert.Single(added.Select(e => e.At).Distinct());
        Assert.Equal(before[^1].Seq + 1, added[0].Seq);
        Assert.Equal(added[0].Seq + 1, added[1].Seq);
        var invitation = added.Single(e => e.EntityType == "Invitation");
        Assert.Contains("\"TokenHash\":{\"Old\":null,\"New\":\"(hidden)\"}", invitation.Changes, StringComparison.Ordinal);
        Assert.Contains("jonas@example.org", invitation.Changes, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task EveryRowWrittenThroughTheApp_HasItsCreatedEntry_AndEveryRevocationItsUpdate(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await owner.InviteAndAcceptAsync(app, "Maria Santos", "maria@example.org", Roles.Assistant);
        await RevocationTests.CreateTokenAsync(owner, "maria's script", Roles.Assistant, assistant.PersonId);
        await owner.Client.SubmitAsync("/access/people", $"revoke-{assistant.PersonId}", new Dictionary<string, string>());

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var entries = await db.AuditEntries.AsNoTracking().ToListAsync();
        bool Has(string type, string action, Guid id) => entries.Any(e => e.EntityType == type && e.Action == action && e.EntityId == id.ToString());

        var rows = (await db.People.Select(p => p.Id).ToListAsync()).Select(id => ("Person", id))
            .Concat((await db.Invitations.Select(i => i.Id).ToListAsync()).Select(id => ("Invitation", id)))
            .Concat((await db.Sessions.Select(s => s.Id).ToListAsync()).Select(id => ("UserSession", id)))
            .Concat((await db.ApiTokens.Select(t => t.Id).ToListAsync()).Select(id => ("ApiToken", id)))
            .Concat((await db.OutgoingMails.Select(m => m.Id).ToListAsync()).Select(id => ("OutgoingMail", id)))
            .ToList();
        Assert.Equal(7, rows.Count); // two people, one invitation, two sessions, one token, one mail
        Assert.All(rows, row => Assert.True(Has(row.Item1, "created", row.Item2), $"no 'created' entry for {row.Item1} {row.Item2}"));

        var ended = await db.Sessions.Where(s => s.EndedAt != null).Select(s => s.Id).ToListAsync();
        var revokedTokens = await db.ApiTokens.Where(t => t.RevokedAt != null).Select(t => t.Id).ToListAsync();
        Assert.NotEmpty(ended);
        Assert.Single(revokedTokens);
        Assert.All(ended, id => Assert.True(Has("UserSession", "updated", id)));
        Assert.All(revokedTokens, id => Assert.True(Has("ApiToken", "updated", id)));
        Assert.True(Has("Person", "updated", assistant.PersonId));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ChangeWhoseAuditEntryCannotBeWritten_IsNotSaved(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var before = (await EntriesAsync(app)).Count;
        await app.ExecuteSqlAsync(engine == Engine.Sqlite
            ? "CREATE TRIGGER test_audit_down BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit is down'); END"
            : """
              CREATE FUNCTION test_audit_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit is down'; END $$;
              CREATE TRIGGER test_audit_down BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION test_audit_down();
              """);

        var response = await owner.Client.SubmitAsync("/access/people", "invite", new Dictionary<string, string>
        {
            ["Invite.Name"] = "Jonas Becker", ["Invite.Email"] = "jonas@example.org", ["Invite.Role"] = Roles.It, ["Invite.Language"] = "en",
        });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.False(await db.Invitations.AnyAsync());
        Assert.False(await db.OutgoingMails.AnyAsync());
        Assert.Equal(before, await db.AuditEntries.CountAsync());
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AuditPage_FiltersByPersonModuleAndPeriod(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await owner.InviteAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);
        // Ten days ago the system (no person) invited someone: two entries on another day.
        clock.Advance(TimeSpan.FromDays(-10));
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<AccessOperations>().InviteAsync("Old Invite", "old@example.org", Roles.It, "en", null, app.BaseUrl);
        clock.Advance(TimeSpan.FromDays(10));
        var oldDay = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(-10)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var all = await EntriesAsync(app);

        var byOwner = all.Where(e => e.ActorPersonId == owner.PersonId).ToList();
        Assert.InRange(byOwner.Count, 1, all.Count - 1);
        Assert.Equal(Seqs(byOwner), await PageSeqsAsync(owner.Client, $"/audit?person={owner.PersonId}"));

        var platform = all.Where(e => e.Module == "Platform").ToList();
        Assert.InRange(platform.Count, 1, all.Count - 1);
        Assert.Equal(Seqs(platform), await PageSeqsAsync(owner.Client, "/audit?module=Platform"));

        var old = all.Where(e => e.ActorPersonId == null && e.EntityType is "Invitation" or "OutgoingMail" && e.At < clock.GetUtcNow().UtcDateTime.AddDays(-5)).ToList();
        Assert.Equal(2, old.Count);
        Assert.Equal(Seqs(old), await PageSeqsAsync(owner.Client, $"/audit?from={oldDay}&to={oldDay}"));
        Assert.Equal(Seqs(all.Except(old)), await PageSeqsAsync(owner.Client, $"/audit?from={today}"));

        Assert.Equal(Seqs(byOwner.Where(e => e.Module == "Access")), await PageSeqsAsync(owner.Client, $"/audit?person={owner.PersonId}&module=Access&from={today}&to={today}"));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task CsvExport_HasEveryFilteredEntry_AndDefusesCellsThatLookLikeFormulas(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app, name: "=HYPERLINK(\"http://evil.example\",\"Owner\")");
        await owner.InviteAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);
        var all = await EntriesAsync(app);

        var response = await owner.Client.GetAsync("/audit/export.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = CsvText.Parse((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));

        Assert.Equal(["seq", "at_utc", "actor", "actor_person_id", "actor_token_id", "action", "module", "entity", "entity_id", "changes", "hash"], rows[0]);
        Assert.Equal(all.Select(e => e.Seq.ToString(CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
        Assert.Equal(all.Select(e => e.Hash), rows.Skip(1).Select(r => r[10]));
        Assert.Contains(rows.Skip(1), r => r[2] == "'=HYPERLINK(\"http://evil.example\",\"Owner\")");
        Assert.DoesNotContain(rows.SelectMany(r => r), cell => cell.StartsWith('='));

        var platform = CsvText.Parse((await owner.Client.GetStringAsync("/audit/export.csv?module=Platform")).TrimStart('\uFEFF'));
        Assert.Equal(all.Where(e => e.Module == "Platform").Select(e => e.Seq.ToString(CultureInfo.InvariantCulture)), platform.Skip(1).Select(r => r[0]));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AuditApi_PagesThroughTheTrailInChainOrder(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await owner.InviteAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            await RevocationTests.CreateTokenAsync(owner, "archive", Roles.Owner, scope: Permissions.AuditRead));

        var seen = new List<long>();
        long after = 0;
        while (true)
        {
            var page = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<ApiEntry>>(api, $"/api/v1/audit?after={after}&limit=3");
            if (page is null or { Count: 0 }) break;
            Assert.True(page.Count <= 3);
            seen.AddRange(page.Select(e => e.Seq));
            after = page[^1].Seq;
        }

        // The token's own creation is in the trail too, written before the first page was read.
        Assert.Equal((await EntriesAsync(app)).Select(e => e.Seq), seen);
        Assert.True(seen.Count > 3 * 2, "the trail should span several pages");
    }

    private sealed record ApiEntry(long Seq, string Action, string Hash);

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AuditTrail_IsClosedToRolesWithoutAuditPermission(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var it = await owner.InviteAndAcceptAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);

        foreach (var url in new[] { "/audit", "/audit/export.csv" })
        {
            var response = await it.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/access-denied", Html.LocationPath(response));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await it.Client.GetAsync("/api/v1/audit")).StatusCode);
    }

    private static async Task<List<RightHand.Audit.AuditEntry>> EntriesAsync(TestApp app)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
    }

    private static List<long> Seqs(IEnumerable<RightHand.Audit.AuditEntry> entries) => entries.Select(e => e.Seq).Order().ToList();

    /// <summary>The entries the page lists (newest first on the page; returned in chain order).</summary>
    private static async Task<List<long>> PageSeqsAsync(HttpClient client, string url)
    {
        var page = await Html.GetAsync(client, url);
        return page.QuerySelectorAll("table.audit tbody tr").Select(r => long.Parse(r.QuerySelector("td")!.TextContent, CultureInfo.InvariantCulture)).Order().ToList();
    }
}

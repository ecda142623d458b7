using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Delegation;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Tests.Access;
using RightHand.Platform.Demo;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Export;

/// <summary>
/// A populated instance exported, restored into an empty one on the other engine and exported again:
/// every table must come back row for row, the audit chain must still verify, and the owner must be
/// able to sign in there with the same password and authenticator.
/// </summary>
[Collection("command line")]
public sealed class FullExportRoundTripTests
{
    public static IEnumerable<object[]> Directions => [[Engine.Sqlite, Engine.Postgres], [Engine.Postgres, Engine.Sqlite]];

    [Theory]
    [MemberData(nameof(Directions))]
    public async Task ExportThenImport_IntoTheOtherEngine_GivesBackEveryRow_KeepsTheAuditChain_AndTheOwnerSignsIn(Engine from, Engine to)
    {
        var work = Directory.CreateTempSubdirectory("righthand-export-test-").FullName;
        await using var source = await TestApp.StartAsync(from, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var (owner, ticket) = await PopulateAsync(source);

        var first = Path.Combine(work, "first.zip");
        var exported = await CommandLine.RunCapturedAsync(["export", "all", "--out", first, .. SourceArguments(source)]);
        Assert.True(exported.Code == 0, exported.Error);

        var target = await EmptyInstance.CreateAsync(to);
        var imported = await CommandLine.RunCapturedAsync(["import", "all", first, .. target.Arguments]);
        Assert.True(imported.Code == 0, imported.Error + imported.Output);
        var verified = await CommandLine.RunCapturedAsync(["audit", "verify", .. target.Arguments]);
        Assert.True(verified.Code == 0, verified.Output);
        Assert.Contains("audit trail intact", verified.Output, StringComparison.Ordinal);

        var second = Path.Combine(work, "second.zip");
        Assert.Equal(0, (await CommandLine.RunCapturedAsync(["export", "all", "--out", second, .. target.Arguments])).Code);
        var before = Archives.Entries(first);
        var after = Archives.Entries(second);
        var tables = before.Keys.Where(k => k.StartsWith("tables/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(tables, after.Keys.Where(k => k.StartsWith("tables/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var table in tables) Archives.AssertSameRows(table, before[table], after[table]);
        // The comparison means something only if the source held data of every kind.
        foreach (var table in new[] { "people", "invitations", "api_tokens", "user_sessions", "passkeys", "approval_requests", "autonomy_changes", "work_types", "outgoing_mails", "jobs", "audit_entries", "data_protection_keys",
                     "delegated_tasks", "task_time_logs", "task_comments", "recurring_tasks", "playbooks", "playbook_versions", "spot_check_reviews", "decisions", "decision_versions", "decision_agreements", "tickets", "ticket_messages" })
            Assert.True(Archives.Lines(before[$"tables/{table}.jsonl"]).Length > 0, $"the source has no rows in {table}");
        // Both passkeys carry the same attestation: stored once.
        Assert.Contains("{\"$file\":\"", Archives.Lines(before["tables/passkeys.jsonl"])[0], StringComparison.Ordinal);
        Assert.Equal(Archives.Manifest(before).GetProperty("files").GetArrayLength(), before.Keys.Count(k => k.StartsWith("files/", StringComparison.Ordinal)));
        Assert.Equal(6, before.Keys.Count(k => k.StartsWith("files/", StringComparison.Ordinal)));

        await using var restored = await TestApp.StartAsync(to, target.Configuration);
        var client = await StaffSession.SignInAsync(restored, owner.Email, owner.Password, owner.AuthenticatorKey);
        Assert.Contains("Ada Assistant", await client.GetStringAsync("/access/people"), StringComparison.Ordinal);
        // The newest ticket matching the word (the demo's tickets about invoices are older) heads the list.
        Assert.Contains($"data-ticket=\"{ticket}\"", await client.GetStringAsync("/support?q=Rechnungen"), StringComparison.Ordinal);
        // Sequences continue after the imported ids: a new key-ring row gets a fresh id instead of a duplicate key.
        Assert.Equal(1, await restored.ExecuteSqlAsync("INSERT INTO data_protection_keys (friendly_name, xml) VALUES ('after-import', '<key/>')"));
        Directory.Delete(work, recursive: true);
    }

    /// <summary>Something in every table the app has so far, made through the app's own forms and services.</summary>
    private static async Task<(StaffSession Owner, long Ticket)> PopulateAsync(TestApp app)
    {
        var owner = await StaffSession.SetUpOwnerAsync(app);
        // The demo fills the delegation tables: tasks (with dates), time logs, playbooks, reviews, decisions.
        await using (var demo = app.Scope())
            Assert.True((await demo.ServiceProvider.GetRequiredService<DemoData>().LoadAsync(CultureInfo.GetCultureInfo("de"), default)).Succeeded);
        await owner.InviteAndAcceptAsync(app, "Ada Assistant", "ada@example.org", Roles.Assistant);
        await owner.InviteAsync(app, "Ivo Accountant", "ivo@example.org", Roles.Accountant, "de");
        // A ticket: PostgreSQL's generated full-text columns are not exported; the target builds its own index on import.
        var ticket = (await RightHand.Tests.Support.SupportPages.OpenByMailAsync(app, "anna@example.org", "Rechnung fehlt", "Wo bleibt meine Rechnung?")).Number;
        await using var scope = app.Scope();
        var services = scope.ServiceProvider;
        var (token, _) = await services.GetRequiredService<AccessOperations>().CreateTokenAsync("backup script", Roles.Owner, [], null, owner.PersonId);
        Assert.True(token.Succeeded);
        var approvals = services.GetRequiredService<Approvals>();
        await approvals.RequestAsync(new ApprovalAsk("task-result", "Tasks", "task-1", "Reply to the landlord", "Dear Mr Kraus, …", new string('a', 64), owner.PersonId));
        await approvals.RequestAsync(new ApprovalAsk("payout", "Payments", "payout-7", "Payout März", "IBAN DE02 …", new string('b', 64), owner.PersonId, AmountCents: 123_456));
        Assert.True((await approvals.SetLevelAsync("newsletter", AutonomyLevel.SpotChecked, owner.PersonId)).Succeeded);

        var db = services.GetRequiredService<AppDb>();
        // Whole microseconds, as the app's clock gives them: PostgreSQL keeps no finer time.
        var clock = DateTime.UtcNow;
        var now = clock.AddTicks(-(clock.Ticks % TimeSpan.TicksPerMicrosecond));
        await db.EnqueueAsync("export-test", new { Report = "Q3" }, now.AddDays(30));
        var attestation = "same attestation"u8.ToArray();
        foreach (var name in new[] { "Laptop", "Phone" })
            db.Passkeys.Add(new Passkey
            {
                PersonId = owner.PersonId, Name = name, CreatedAt = now, SignCount = 4_000_000_000,
                CredentialId = Guid.NewGuid().ToByteArray(), PublicKey = Guid.NewGuid().ToByteArray(),
                AttestationObject = attestation, ClientDataJson = [0, 1, 2, 255],
            });
        await db.SaveChangesAsync();
        Assert.True(await db.DataProtectionKeys.AnyAsync());
        return (owner, ticket);
    }

    private static string[] SourceArguments(TestApp app) =>
        app.PostgresConnectionString() is { } cs ? ["--database", cs] : ["--data-dir", app.DataDirectory];
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Audit;

/// <summary>
/// The trail is append-only (database triggers) and hash-chained, so that <c>righthand audit verify</c>
/// finds an edit or a deletion made by someone who went around the triggers.
/// </summary>
[Collection(CommandLineGroup.Name)]
public sealed class AuditChainTests
{
    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Verify_OnUntouchedTrail_ReportsItIntact_WithItsEntryCount(Engine engine)
    {
        await using var app = await WithHistoryAsync(engine);
        var count = await CountAsync(app);

        var (code, output) = await CommandLine.RunAsync(app, "audit", "verify");

        Assert.Equal(0, code);
        Assert.Contains($"audit trail intact: {count} entries", output, StringComparison.Ordinal);
        Assert.True(count > 5);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Verify_AfterAnEntryWasEditedBehindTheTriggersBack_NamesThatEntry(Engine engine)
    {
        await using var app = await WithHistoryAsync(engine);
        await app.ExecuteSqlAsync(engine == Engine.Sqlite ? "DROP TRIGGER audit_entries_no_update" : "DROP TRIGGER audit_entries_no_change ON audit_entries");

        var changed = await app.ExecuteSqlAsync("""UPDATE audit_entries SET changes = '{"Role":{"Old":null,"New":"Owner"}}' WHERE seq = 4""");
        Assert.Equal(1, changed);

        var (code, output) = await CommandLine.RunAsync(app, "audit", "verify");
        Assert.Equal(1, code);
        Assert.Contains("audit trail broken at entry 4:", output, StringComparison.Ordinal);
        Assert.Contains("(3 entries before it are intact)", output, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Verify_AfterAMiddleEntryWasDeleted_NamesTheGap(Engine engine)
    {
        await using var app = await WithHistoryAsync(engine);
        await app.ExecuteSqlAsync(engine == Engine.Sqlite ? "DROP TRIGGER audit_entries_no_delete" : "DROP TRIGGER audit_entries_no_change ON audit_entries");

        Assert.Equal(1, await app.ExecuteSqlAsync("DELETE FROM audit_entries WHERE seq = 3"));

        var (code, output) = await CommandLine.RunAsync(app, "audit", "verify");
        Assert.Equal(1, code);
        Assert.Contains("audit trail broken at entry 3:", output, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AuditEntries_CannotBeUpdatedOrDeleted_WhileTheTriggersStand(Engine engine)
    {
        await using var app = await WithHistoryAsync(engine);

        var update = await Assert.ThrowsAnyAsync<DbException>(() => app.ExecuteSqlAsync("UPDATE audit_entries SET actor_name = 'nobody' WHERE seq = 2"));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => app.ExecuteSqlAsync("DELETE FROM audit_entries WHERE seq = 2"));
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);

        var (code, _) = await CommandLine.RunAsync(app, "audit", "verify");
        Assert.Equal(0, code);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ConcurrentChanges_KeepOneUnbrokenChain(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var browsers = new List<HttpClient> { owner.Client };
        for (var i = 1; i < 4; i++) browsers.Add(await owner.SignInAgainAsync(app));

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => browsers[i % browsers.Count].SubmitAsync("/access/people", "invite",
            new Dictionary<string, string>
            {
                ["Invite.Name"] = $"Person {i}", ["Invite.Email"] = $"person{i}@example.org", ["Invite.Role"] = Roles.It, ["Invite.Language"] = "en",
            })));

        Assert.All(responses, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode));
        await using (var scope = app.Scope())
            Assert.Equal(12, await scope.ServiceProvider.GetRequiredService<AppDb>().Invitations.CountAsync());
        var (code, output) = await CommandLine.RunAsync(app, "audit", "verify");
        Assert.True(code == 0, output);
    }

    /// <summary>An instance with an owner, an invited assistant and a token: a few dozen entries by several actors.</summary>
    private static async Task<TestApp> WithHistoryAsync(Engine engine)
    {
        var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await owner.InviteAndAcceptAsync(app, "Maria Santos", "maria@example.org", Roles.Assistant);
        await RevocationTests.CreateTokenAsync(owner, "sync", Roles.It);
        return app;
    }

    private static async Task<int> CountAsync(TestApp app)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries.CountAsync();
    }
}

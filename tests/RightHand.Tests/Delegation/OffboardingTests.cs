using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Delegation;
using RightHand.Delegation.Decisions;
using RightHand.Delegation.Offboarding;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>Offboarding a person through its page: everything they hold moves in one click, their access ends, the report stays.</summary>
public sealed class OffboardingTests
{
    private sealed record Holdings(Guid Decision, Guid MoneyRequest, string Token);

    /// <summary>100 pending approvals, one payment file, one decision ahead and an API token, all the assistant's.</summary>
    private static async Task<Holdings> GiveAsync(TestApp app, StaffSession owner, StaffSession assistant)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        for (var i = 1; i <= 100; i++)
        {
            var text = $"Newsletter {i}";
            db.ApprovalRequests.Add(new ApprovalRequest
            {
                WorkTypeKey = "newsletter", Module = "TestModule", ItemId = $"n{i}", Title = $"Newsletter {i:000}", Preview = text, ContentHash = ApiToken.HashOf(text),
                PreparedBy = assistant.PersonId, State = ApprovalState.Pending, CreatedAt = DateTime.UtcNow,
            });
        }
        await db.SaveChangesAsync();
        var money = await scope.ServiceProvider.GetRequiredService<Approvals>().RequestAsync(
            new ApprovalAsk("payment-file", "TestModule", "run-1", "Lastschriften Dezember", "pain.008", ApiToken.HashOf("pain.008"), assistant.PersonId, 48_000));
        var (proposed, decision) = await scope.ServiceProvider.GetRequiredService<DecisionLog>().ProposeAsync(
            new DecisionDraft("Webinar im Dezember", "Ablauf", DateTime.UtcNow.AddDays(10), [owner.PersonId, assistant.PersonId]), owner.PersonId);
        Assert.True(proposed.Succeeded);
        var (_, token) = await scope.ServiceProvider.GetRequiredService<AccessOperations>().CreateTokenAsync("Marias Skript", Roles.Assistant, [], assistant.PersonId, owner.PersonId);
        return new Holdings(decision!.Id, money.Id, token!);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task OneClick_ReassignsEverything_RevokesAccess_AndKeepsTheHandoverReport(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var successor = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant) with { Name = "Sam Successor" };
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<AppDb>().People.Where(p => p.Id == successor.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, successor.Name));
        var held = await GiveAsync(app, owner, assistant);
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", held.Token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        Assert.Contains($"/access/people/{assistant.PersonId}/offboard", await owner.Client.GetStringAsync("/access/people"), StringComparison.Ordinal);
        var page = await Html.GetAsync(owner.Client, $"/access/people/{assistant.PersonId}/offboard");
        Assert.Equal(("101", "1", "1", "1"), (Count(page, "approvals"), Count(page, "decisions"), Count(page, "sessions"), Count(page, "tokens")));
        Assert.Contains("Preview", page.QuerySelector("[data-testid=report]")!.TextContent, StringComparison.Ordinal);
        var preview = await owner.Client.GetStringAsync($"/access/people/{assistant.PersonId}/handover.md");
        Assert.Contains("Preview: nothing has been handed over yet.", preview, StringComparison.Ordinal);
        Assert.Contains("- Newsletter 042", preview, StringComparison.Ordinal);

        var done = await owner.Client.SubmitAsync($"/access/people/{assistant.PersonId}/offboard", "offboard", new Dictionary<string, string> { ["Successor"] = successor.PersonId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode); // Post/Redirect/Get: a reload shows the report, it does not post again
        Assert.Contains("Handed over.", await owner.Client.GetStringAsync(Html.Location(done)), StringComparison.Ordinal);

        // Their browser is sent to the sign-in, their token is dead.
        var next = await assistant.Client.GetAsync("/");
        Assert.Equal((HttpStatusCode.Redirect, "/signin"), (next.StatusCode, Html.LocationPath(next)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.Equal(100, await db.ApprovalRequests.CountAsync(a => a.PreparedBy == successor.PersonId && a.State == ApprovalState.Pending));
            // Money keeps its preparer for the four-eyes check.
            Assert.Equal(assistant.PersonId, (await db.ApprovalRequests.SingleAsync(a => a.Id == held.MoneyRequest)).PreparedBy);
            Assert.Equal([owner.PersonId, successor.PersonId],
                (await db.DecisionParticipants.Where(p => p.DecisionId == held.Decision).Select(p => p.PersonId).ToListAsync()).Order());
            Assert.False(await db.Sessions.AnyAsync(s => s.PersonId == assistant.PersonId && s.EndedAt == null));
            Assert.False(await db.ApiTokens.AnyAsync(t => t.PersonId == assistant.PersonId && t.RevokedAt == null));
            Assert.NotNull((await db.People.SingleAsync(p => p.Id == assistant.PersonId)).RevokedAt);
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.ActorPersonId == owner.PersonId).ToListAsync();
            Assert.Contains(entries, e => e.Action == "offboarded" && e.EntityId == assistant.PersonId.ToString());
            Assert.Contains(entries, e => e.Action == "access_revoked" && e.EntityId == assistant.PersonId.ToString());
            Assert.Equal(100, entries.Count(e => e.EntityType == nameof(ApprovalRequest) && e.Action == "updated"));
            Assert.Contains(entries, e => e.EntityType == nameof(DecisionParticipant) && e.Action == "created");
        }

        var download = await owner.Client.GetAsync($"/access/people/{assistant.PersonId}/handover.md");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/markdown", download.Content.Headers.ContentType!.MediaType);
        var report = await download.Content.ReadAsStringAsync();
        Assert.Contains($"Taken over by: {successor.Name}", report, StringComparison.Ordinal);
        Assert.Contains("### Pending approvals (101)", report, StringComparison.Ordinal);
        Assert.Contains("- Newsletter 042", report, StringComparison.Ordinal);
        Assert.Contains("- Lastschriften Dezember", report, StringComparison.Ordinal);
        Assert.Contains("- Webinar im Dezember", report, StringComparison.Ordinal);
        Assert.Contains("## Recent decisions (last 90 days)", report, StringComparison.Ordinal);
        Assert.Contains("- Marias Skript", report, StringComparison.Ordinal);
        // The page shows the report kept at the offboarding, not a new preview (the person holds nothing now).
        // It is shown as HTML under the card's heading: the report's title one level down, its lists as lists.
        var shown = (await Html.GetAsync(owner.Client, $"/access/people/{assistant.PersonId}/offboard")).QuerySelector("[data-testid=report]")!;
        Assert.Equal(report.Split('\n')[0].TrimStart('#', ' '), shown.QuerySelector("h3")!.TextContent);
        Assert.Contains(shown.QuerySelectorAll("li"), li => li.TextContent == $"Taken over by: {successor.Name}");
        Assert.Contains(shown.QuerySelectorAll("h5"), h => h.TextContent == "Pending approvals (101)");
        Assert.DoesNotContain("###", shown.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheOwnerCannotOffboardThemselves_AndTheOneTakingOverMustBeAnotherActiveStaffPerson(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var gone = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        await using (var scope = app.Scope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<AccessOperations>().RevokeAsync(gone.PersonId, owner.PersonId)).Succeeded);
            var self = await scope.ServiceProvider.GetRequiredService<Handover>().OffboardAsync(owner.PersonId, assistant.PersonId, owner.PersonId);
            Assert.Equal(["You cannot offboard yourself."], self.Errors);
        }
        Assert.DoesNotContain("offboard", Html.FormNames(await Html.GetAsync(owner.Client, $"/access/people/{owner.PersonId}/offboard")));

        foreach (var wrong in new[] { assistant.PersonId, gone.PersonId, Guid.NewGuid() })
        {
            var response = await owner.Client.SubmitAsync($"/access/people/{assistant.PersonId}/offboard", "offboard", new Dictionary<string, string> { ["Successor"] = wrong.ToString() });
            Assert.Contains("Taken over by: choose an active staff person other than the one leaving.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await assistant.Client.GetAsync("/")).StatusCode);
        await using (var scope = app.Scope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDb>().OffboardingRecords.CountAsync());
    }

    private static string Count(AngleSharp.Dom.IDocument page, string kind) => page.QuerySelector($"[data-testid=count-{kind}]")!.TextContent;
}

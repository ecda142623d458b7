using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Delegation;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Members.Bulk;

/// <summary>Bulk updates of a filtered set: the assistant's wait for the owner's approval, the owner's apply at once; a job applies them.</summary>
public sealed class BulkUpdateTests
{
    private static readonly Dictionary<string, string?> NoWorker = new() { ["Jobs:Enabled"] = "false" };

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheAssistantsBulkChange_WaitsForApproval_ThenAJobAppliesItToExactlyTheFilteredMembers(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, NoWorker);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var anna = await MemberPages.CreateAsync(owner, MemberPages.Fields("Anna", "Schmidt", "anna@example.org", status: "Active"));
        var ben = await MemberPages.CreateAsync(owner, MemberPages.Fields("Ben", "Weber", "ben@example.org", status: "Active", tags: "VIP"));
        var clara = await MemberPages.CreateAsync(owner, MemberPages.Fields("Clara", "Wolf", "clara@example.org"));

        var form = await Html.GetAsync(assistant.Client, "/members/bulk?status=active");
        Assert.Equal("2 members match the filter · Show the list", form.QuerySelector("[data-testid=bulk-count]")!.TextContent.Trim());

        var refused = await assistant.Client.SubmitAsync("/members/bulk?status=active", "bulk", new Dictionary<string, string> { ["Input.Change"] = "AddTag", ["Input.Value"] = " " });
        Assert.Contains("Tag: enter one tag of at most 60 characters.", Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var tooLong = await assistant.Client.SubmitAsync("/members/bulk?q=" + new string('a', 2100), "bulk", new Dictionary<string, string> { ["Input.Change"] = "AddTag", ["Input.Value"] = "x" });
        Assert.Contains("The filter is too long to keep with the change; shorten the search.", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = app.Scope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDb>().BulkMemberUpdates.AnyAsync());

        var prepared = await assistant.Client.SubmitAsync("/members/bulk?status=active", "bulk", new Dictionary<string, string> { ["Input.Change"] = "AddTag", ["Input.Value"] = "Sommerfest" });
        var page = Html.LocationPath(prepared)!;
        var waiting = await Html.GetAsync(assistant.Client, Html.Location(prepared)!);
        Assert.Equal("Sent for approval.", waiting.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("awaiting approval", waiting.QuerySelector("[data-testid=bulk-state]")!.TextContent);
        Assert.Equal("add the tag Sommerfest", waiting.QuerySelector("[data-testid=bulk-change]")!.TextContent);

        ApprovalRequest request;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            request = await db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.WorkTypeKey == "bulk-member-update");
            Assert.Equal(ApprovalState.Pending, request.State);
            Assert.Equal("Bulk update of 2 members: add the tag Sommerfest", request.Title);
            Assert.Contains($"{anna}, {ben}", request.Preview, StringComparison.Ordinal);
            Assert.DoesNotContain(clara, request.Preview, StringComparison.Ordinal);
            Assert.DoesNotContain("Schmidt", request.Preview, StringComparison.Ordinal); // numbers only: the queue keeps no personal data
            Assert.False(await db.MemberTags.AnyAsync(t => t.Tag == "Sommerfest"));
        }

        await owner.Client.SubmitAsync("/delegation/approvals", $"approve-{request.Id}", new Dictionary<string, string>());
        Assert.True(await app.Services.GetRequiredService<JobRunner>().RunOneAsync(CancellationToken.None));

        var done = await Html.GetAsync(assistant.Client, page);
        Assert.Equal("done", done.QuerySelector("[data-testid=bulk-state]")!.TextContent);
        Assert.Equal("2 of 2 members done, 2 changed", done.QuerySelector("[data-testid=bulk-progress]")!.TextContent);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var tagged = await db.Members.Where(m => db.MemberTags.Any(t => t.MemberId == m.Id && t.Tag == "Sommerfest")).Select(m => m.Number).OrderBy(n => n).ToListAsync();
            Assert.Equal([anna, ben], tagged);
            Assert.Equal(2, await db.MemberEvents.CountAsync(e => e.Kind == MemberEventKind.Updated));
            // Each member's change is in the audit trail on the member's own tag row (the tag sealed, as personal data).
            Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.EntityType == nameof(MemberTag) && e.Action == "created" && e.At > request.CreatedAt));
        }
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheOwnersBulkChange_IsAppliedWithoutApproval_AndARequestForChangesEndsTheAssistants(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, NoWorker);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var anna = await MemberPages.CreateAsync(owner, MemberPages.Fields("Anna", "Schmidt", "anna@example.org", status: "Active", tags: "Alt"));
        var ben = await MemberPages.CreateAsync(owner, MemberPages.Fields("Ben", "Weber", "ben@example.org", status: "Paused", tags: "Alt"));
        await MemberPages.CreateAsync(owner, MemberPages.Fields("Clara", "Wolf", "clara@example.org", status: "Active"));

        var applied = await owner.Client.SubmitAsync("/members/bulk?tag=Alt", "bulk", new Dictionary<string, string> { ["Input.Change"] = "SetStatus", ["Input.Value"] = "cancelled" });
        Assert.Equal("The change is being applied.", (await Html.GetAsync(owner.Client, Html.Location(applied)!)).QuerySelector("[role=status]")!.TextContent);
        Assert.True(await app.Services.GetRequiredService<JobRunner>().RunOneAsync(CancellationToken.None));
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.False(await db.ApprovalRequests.AnyAsync());
            var cancelled = await db.Members.Where(m => m.Status == MemberStatus.Cancelled).Select(m => m.Number).OrderBy(n => n).ToListAsync();
            Assert.Equal([anna, ben], cancelled);
            Assert.Equal(2, await db.MemberStatusChanges.CountAsync(c => c.To == MemberStatus.Cancelled && c.By == owner.PersonId));
            Assert.Equal(2, await db.MemberEvents.CountAsync(e => e.Kind == MemberEventKind.Cancelled));
        }

        await assistant.Client.SubmitAsync("/members/bulk?status=active", "bulk", new Dictionary<string, string> { ["Input.Change"] = "SetLanguage", ["Input.Value"] = "de" });
        Guid requestId;
        await using (var scope = app.Scope())
            requestId = (await scope.ServiceProvider.GetRequiredService<AppDb>().ApprovalRequests.SingleAsync()).Id;
        await owner.Client.SubmitAsync("/delegation/approvals", $"changes-{requestId}", new Dictionary<string, string> { ["Comment"] = "Nicht alle wollen Deutsch." });
        Assert.False(await app.Services.GetRequiredService<JobRunner>().RunOneAsync(CancellationToken.None));
        var list = await Html.GetAsync(assistant.Client, "/members/bulk");
        var row = list.QuerySelectorAll("[data-testid=bulk-updates] tbody tr")[0];
        Assert.Contains("set the language to German", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("changes requested", row.QuerySelector("[data-testid=bulk-state]")!.TextContent);
        await using (var scope = app.Scope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDb>().Members.AnyAsync(m => m.Language == "de"));
    }
}

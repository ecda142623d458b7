using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Delegation;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>The owner's side of the seam, through the pages: the approval queue and the kinds of work.</summary>
public sealed class ApprovalPagesTests
{
    private static async Task<ApprovalRequest> AskAsync(TestApp app, string workType, string itemId, string text, Guid preparedBy, long? amount = null)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<Approvals>().RequestAsync(
            new ApprovalAsk(workType, "TestModule", itemId, $"Item {itemId}", text, RightHand.Access.ApiToken.HashOf(text), preparedBy, amount));
    }

    private static async Task<ApprovalRequest> LoadAsync(TestApp app, Guid id)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().ApprovalRequests.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Queue_ShowsTheChangeSinceTheLastApproval_AndTheOwnerApprovesOrSendsBack(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = Guid.CreateVersion7();
        var first = await AskAsync(app, "newsletter", "n1", "Liebe Mitglieder,\ndas Sommerfest ist am 5. Juli.", assistant);
        var response = await owner.Client.SubmitAsync("/delegation/approvals", $"approve-{first.Id}", new Dictionary<string, string>());
        // Post/Redirect/Get: a reload of the queue afterwards is a GET, not the approval again.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/delegation/approvals?page=1&done=approved", Html.Location(response));
        Assert.Equal("Approved.", Html.Parse(await owner.Client.GetStringAsync(Html.Location(response))).QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(ApprovalState.Approved, (await LoadAsync(app, first.Id)).State);

        var second = await AskAsync(app, "newsletter", "n1", "Liebe Mitglieder,\ndas Sommerfest ist am 12. Juli.", assistant);
        var page = Html.Parse(await owner.Client.GetStringAsync("/delegation/approvals"));
        var diff = page.QuerySelector("[data-testid=diff]")!;
        Assert.Equal("das Sommerfest ist am 5. Juli.", diff.QuerySelector(".diff-removed")!.TextContent.Trim().TrimStart('−', ' '));
        Assert.Equal("das Sommerfest ist am 12. Juli.", diff.QuerySelector(".diff-added")!.TextContent.Trim().TrimStart('+', ' '));

        await owner.Client.SubmitAsync("/delegation/approvals", $"changes-{second.Id}", new Dictionary<string, string> { ["Comment"] = "Datum bitte mit Uhrzeit." });
        var sentBack = await LoadAsync(app, second.Id);
        Assert.Equal((ApprovalState.ChangesRequested, "Datum bitte mit Uhrzeit.", owner.PersonId), (sentBack.State, sentBack.Comment, sentBack.DecidedBy));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task MoneyInTheQueue_NeedsTheOwnersCurrentCode(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var run = await AskAsync(app, "payment-file", "run-1", "pain.008: 12 Lastschriften", Guid.CreateVersion7(), 48_000);

        var wrong = await owner.Client.SubmitAsync("/delegation/approvals", $"approve-{run.Id}", new Dictionary<string, string> { ["Code"] = "000000" });
        Assert.Contains("fresh code", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApprovalState.Pending, (await LoadAsync(app, run.Id)).State);

        await owner.Client.SubmitAsync("/delegation/approvals", $"approve-{run.Id}", new Dictionary<string, string> { ["Code"] = Totp.Code(owner.AuthenticatorKey!) });
        Assert.Equal(ApprovalState.Approved, (await LoadAsync(app, run.Id)).State);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task KindsOfWork_TheOwnerSetsALevel_AndTheChangeIsInTheHistory(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await owner.Client.SubmitAsync("/delegation/work-types", "level-canned-answer", new Dictionary<string, string> { ["Level"] = nameof(AutonomyLevel.SpotChecked) });

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.Equal(AutonomyLevel.SpotChecked, (await db.WorkTypes.AsNoTracking().SingleAsync(w => w.Key == "canned-answer")).Level);
        var change = await db.AutonomyChanges.AsNoTracking().SingleAsync();
        Assert.Equal(("canned-answer", AutonomyLevel.ApproveEach, AutonomyLevel.SpotChecked, owner.PersonId), (change.WorkTypeKey, change.From, change.To, change.ChangedBy));
        Assert.Contains("set by the owner", await owner.Client.GetStringAsync("/delegation/work-types"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ALongQueue_IsPaged_OldestFirst(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var preparer = Guid.CreateVersion7();
        var asked = new List<ApprovalRequest>();
        for (var i = 1; i <= 25; i++) asked.Add(await AskAsync(app, "canned-answer", $"c{i}", $"Antwort {i}", preparer));

        var first = Html.Parse(await owner.Client.GetStringAsync("/delegation/approvals"));
        Assert.Contains("25 items waiting", first.QuerySelector("[data-testid=waiting-count]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(asked.Take(20).Select(a => $"approve-{a.Id}"), Html.FormNames(first).Where(n => n.StartsWith("approve-", StringComparison.Ordinal)));
        var second = Html.Parse(await owner.Client.GetStringAsync("/delegation/approvals?page=2"));
        Assert.Equal(asked.Skip(20).Select(a => $"approve-{a.Id}"), Html.FormNames(second).Where(n => n.StartsWith("approve-", StringComparison.Ordinal)));

        await owner.Client.SubmitAsync("/delegation/approvals?page=2", $"approve-{asked[^1].Id}", new Dictionary<string, string>());
        Assert.Equal(ApprovalState.Approved, (await LoadAsync(app, asked[^1].Id)).State);
    }
}

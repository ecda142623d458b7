using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Delegation;
using RightHand.Platform.Database;
using RightHand.Support;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Replies;

/// <summary>Replies to members as delegated work: checked by the owner after they went out, every one or a sample.</summary>
public sealed class ReplyReviewTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AssistantsReplies_GoOutAtOnce_AndReachTheOwnersChecks_OwnersOwnRepliesDoNot(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var anna = await SupportPages.MemberAsync(app, owner.PersonId, "Anna", "Adams", "anna@example.org");
        var ticket = await SupportPages.OpenByMailAsync(app, "anna@example.org", "Invoice missing", "Where is my October invoice?");

        // "Approve each" (where every kind of work starts): the reply is mailed at once, and waits in the owner's queue.
        await SupportPages.SentAsync(await SupportPages.PostMessageAsync(assistant.Client, ticket.Number, "I have sent it again."), $"/support/tickets/{ticket.Number}?done=reply");
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.Equal(1, await db.OutgoingMails.CountAsync(m => m.To == "anna@example.org"));
            Assert.Equal(TicketState.WaitingForMember, (await db.Tickets.AsNoTracking().SingleAsync()).State);
            var item = await db.ApprovalRequests.AsNoTracking().SingleAsync();
            Assert.Equal(("ticket-reply", ApprovalState.Pending, assistant.PersonId, anna.Id), (item.WorkTypeKey, item.State, item.PreparedBy, item.SubjectMemberId));
            Assert.Equal("Reply sent on #10001: Invoice missing", item.Title);
            Assert.Contains("Where is my October invoice?", item.Preview, StringComparison.Ordinal);
            Assert.Contains("I have sent it again.", item.Preview, StringComparison.Ordinal);
        }
        var queue = await Html.GetAsync(owner.Client, "/delegation/approvals");
        Assert.Contains("Reply sent on #10001", queue.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reply to a member", queue.Body.TextContent, StringComparison.Ordinal);

        // The owner's own reply is nobody's delegated work.
        await SupportPages.SentAsync(await SupportPages.PostMessageAsync(owner.Client, ticket.Number, "And here is a credit note."), $"/support/tickets/{ticket.Number}?done=reply");
        await using (var scope = app.Scope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDb>().ApprovalRequests.CountAsync());

        // Spot-checked at 100 %: the next reply is approved by itself and drawn for a review after the fact.
        await using (var scope = app.Scope())
        {
            var approvals = scope.ServiceProvider.GetRequiredService<Approvals>();
            Assert.True((await approvals.SetRulesAsync("ticket-reply", new CheckingRules { SampleRatePercent = 100, PromotionThreshold = 10 })).Succeeded);
            Assert.True((await approvals.SetLevelAsync("ticket-reply", AutonomyLevel.SpotChecked, owner.PersonId)).Succeeded);
        }
        await SupportPages.SentAsync(await SupportPages.PostMessageAsync(assistant.Client, ticket.Number, "Anything else I can do?"), $"/support/tickets/{ticket.Number}?done=reply");
        await using (var scope = app.Scope())
        {
            var sampled = await scope.ServiceProvider.GetRequiredService<AppDb>().ApprovalRequests.AsNoTracking().OrderBy(a => a.CreatedAt).LastAsync();
            Assert.Equal((ApprovalState.AutoApproved, true), (sampled.State, sampled.SampledForReview));
        }
        Assert.Contains("Anything else I can do?", (await Html.GetAsync(owner.Client, "/delegation/reviews")).Body!.TextContent, StringComparison.Ordinal);

        // A note is no reply: nothing to check.
        await SupportPages.SentAsync(await SupportPages.PostMessageAsync(assistant.Client, ticket.Number, "Checked the ledger.", kind: "note"), $"/support/tickets/{ticket.Number}?done=note");
        await using (var scope = app.Scope())
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<AppDb>().ApprovalRequests.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheMembersWords_AreSealedInTheTrail_AndBlankedInTheQueueWhenTheMemberIsErased(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var carla = await SupportPages.MemberAsync(app, owner.PersonId, "Carla", "Conrad", "carla@example.org");
        var ticket = await SupportPages.OpenByMailAsync(app, "carla@example.org", "Pause during my chemotherapy", "I start chemotherapy next week.");
        await SupportPages.SentAsync(await SupportPages.PostMessageAsync(assistant.Client, ticket.Number, "Your membership is paused, get well soon."),
            $"/support/tickets/{ticket.Number}?done=reply");

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var trail = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(ApprovalRequest)).ToListAsync();
            Assert.NotEmpty(trail);
            Assert.DoesNotContain(trail, e => System.Text.Json.JsonSerializer.Serialize(e).Contains("chemotherapy", StringComparison.OrdinalIgnoreCase));
            var erased = await scope.ServiceProvider.GetRequiredService<RightHand.Members.Privacy.MemberErasure>().EraseAsync(carla.Id, carla.Number, owner.PersonId);
            Assert.True(erased.Succeeded, string.Join("; ", erased.Errors));
        }
        var queue = await Html.GetAsync(owner.Client, "/delegation/approvals");
        Assert.DoesNotContain("chemotherapy", queue.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("get well soon", queue.Body.TextContent, StringComparison.OrdinalIgnoreCase);
        await using (var scope = app.Scope())
            Assert.Equal(ApprovalState.Pending, (await scope.ServiceProvider.GetRequiredService<AppDb>().ApprovalRequests.AsNoTracking().SingleAsync()).State);
    }
}

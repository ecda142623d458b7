using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Support;
using RightHand.Support.Inbound;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using RightHand.Tests.Members.Api;
using RightHand.Tests.Support.Inbound;
using RightHand.Tests.Support.Portal;
using Xunit;

namespace RightHand.Tests.Support.Links;

/// <summary>Merging a ticket into another through the ticket page: the conversation, mail threading, the portal, the API, refusals.</summary>
public sealed class TicketMergeTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Merge_MovesTheConversationInOrder_ClosesTheMergedTicket_AndMailPortalAndApiFollowTheSurvivor(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings, clock);
        var (owner, emily) = await PortalTicketSteps.OwnerAndEmilyAsync(app);
        var a = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Email, new TicketRequester(emily.Id, null), "Invoice missing", "Where is my invoice?",
            Attachments: [new NewAttachment("scan.pdf", "application/pdf", new MemoryStream("%PDF-1.4 scan"u8.ToArray()))], MailMessageId: "<a1@mail.example>"));
        await PortalTicketSteps.DeskAsync(app, desk => desk.AddTagAsync(a.Id, "billing"));
        clock.Advance(TimeSpan.FromHours(1));
        var b = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(emily.Id, null), "Invoice for May", "I still need the May invoice."));
        clock.Advance(TimeSpan.FromHours(1));
        await PortalTicketSteps.DeskAsync(app, desk => desk.ReplyAsync(a.Id, owner.PersonId, "It is attached to this mail."));

        // Step one shows both tickets; nothing is merged yet.
        var preview = await owner.Client.SubmitAsync("/support/tickets/10001", "merge", new Dictionary<string, string> { ["MergeForm.Target"] = "#10002" });
        var shown = Html.Parse(await preview.Content.ReadAsStringAsync()).QuerySelector("[data-testid=merge-preview]")!.TextContent;
        Assert.Contains("Invoice missing", shown, StringComparison.Ordinal);
        Assert.Contains("Invoice for May", shown, StringComparison.Ordinal);
        Assert.Null((await PortalTicketSteps.TicketAsync(app, 10001)).MergedIntoId);

        clock.Advance(TimeSpan.FromMinutes(5));
        await SupportPages.SentAsync(await owner.Client.SubmitAsync("/support/tickets/10001", "merge", new Dictionary<string, string>
        {
            ["MergeForm.Target"] = "#10002", ["MergeForm.Step"] = "confirm",
        }), "/support/tickets/10002?done=changed");

        // The survivor holds both conversations in time order, the attachment, the tags, and a note; the merged ticket is closed and says where it went.
        var survivor = await Html.GetAsync(owner.Client, "/support/tickets/10002");
        Assert.Equal(["requester", "requester", "reply", "note"], survivor.QuerySelectorAll("[data-message-kind]").Select(m => m.GetAttribute("data-message-kind")));
        Assert.Contains("Where is my invoice?", survivor.QuerySelectorAll(".message-body")[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("scan.pdf", survivor.QuerySelector("[data-testid=attachment]")!.TextContent);
        Assert.Contains("#10001 merged into this ticket.", survivor.QuerySelector("[data-message-kind=note]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["billing"], survivor.QuerySelectorAll("[data-testid=tag]").Select(t => t.TextContent));
        Assert.Contains("#10001", survivor.QuerySelector("[data-testid=merged-here]")!.TextContent, StringComparison.Ordinal);
        var merged = await Html.GetAsync(owner.Client, "/support/tickets/10001");
        Assert.Equal("Closed", merged.QuerySelector("[data-testid=state]")!.TextContent);
        Assert.Equal("/support/tickets/10002", merged.QuerySelector("[data-testid=merged-into] a")!.GetAttribute("href"));
        Assert.Contains("Merged into #10002.", merged.QuerySelector("[data-message-kind=note]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(merged.QuerySelector("form input[name='_handler'][value='merge']"));

        // Mail answering the merged ticket, by its number in the subject or by the reply it answers, lands in the survivor.
        Assert.Equal(new IntakeResult(IntakeOutcome.MessageAdded, 10002),
            await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("emily@example.org", "Re: [#10001] Invoice missing", "Thanks, found it.", "<a2@mail.example>")));
        var reply = await ReceivedMail.QueryAsync(app, db => db.TicketMessages.AsNoTracking().SingleAsync(m => m.Kind == TicketMessageKind.Reply));
        Assert.Equal(new IntakeResult(IntakeOutcome.MessageAdded, 10002),
            await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("emily@example.org", "Re: Invoice", "One more thing.", "<a3@mail.example>", reply.MailMessageId)));

        // The requester sees in the portal where her request went; the API names the survivor.
        var portal = await Html.GetAsync(emily.Client, "/portal/tickets/10001");
        Assert.Equal("/portal/tickets/10002", portal.QuerySelector("[data-testid=merged-link]")!.GetAttribute("href"));
        using var api = await SyncApi.ClientAsync(app, Roles.It);
        var detail = JsonNode.Parse(await api.GetStringAsync("/api/v1/tickets/10001"))!;
        Assert.Equal(10002, (long)detail["mergedInto"]!);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Merge_IsRefusedIntoItselfAMergedOrClosedTicket_AndAcrossRequestersUnlessConfirmed_ThenTheOtherRequesterGetsNoAccess_AndErasureStillReachesHisMessage(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings, new ManualClock());
        var (owner, emily) = await PortalTicketSteps.OwnerAndEmilyAsync(app);
        var frank = await PortalTicketSteps.MemberAsync(app, owner, "Frank", "Fischer", "frank@example.org");
        await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(emily.Id, null), "First", "One."));
        await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(emily.Id, null), "Second", "Two."));
        await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(frank.Id, null), "Frank's", "Three."));
        var closed = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(emily.Id, null), "Old", "Four."));
        await PortalTicketSteps.DeskAsync(app, desk => desk.SetStateAsync(closed.Id, TicketState.Closed));

        async Task<string> RefusedAsync(long from, string into, bool confirm = false, bool anyway = false)
        {
            var fields = new Dictionary<string, string> { ["MergeForm.Target"] = into };
            if (confirm) fields["MergeForm.Step"] = "confirm";
            if (anyway) fields["MergeForm.Anyway"] = "true";
            var response = await owner.Client.SubmitAsync($"/support/tickets/{from}", "merge", fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".alert-error")!.TextContent;
        }

        Assert.Contains("cannot be merged into itself", await RefusedAsync(10001, "10001"), StringComparison.Ordinal);
        Assert.Contains("no ticket has the number #99999", await RefusedAsync(10001, "99999"), StringComparison.Ordinal);
        Assert.Contains("#10004 is closed", await RefusedAsync(10001, "10004"), StringComparison.Ordinal);
        Assert.Contains("the requesters differ", await RefusedAsync(10003, "10002", confirm: true), StringComparison.Ordinal);
        Assert.Null((await PortalTicketSteps.TicketAsync(app, 10003)).MergedIntoId);

        // The preview of a merge across requesters asks for the confirmation.
        var preview = Html.Parse(await (await owner.Client.SubmitAsync("/support/tickets/10003", "merge",
            new Dictionary<string, string> { ["MergeForm.Target"] = "10002" })).Content.ReadAsStringAsync());
        Assert.NotNull(preview.QuerySelector("input[name='MergeForm.Anyway']"));

        await SupportPages.SentAsync(await owner.Client.SubmitAsync("/support/tickets/10001", "merge", new Dictionary<string, string>
        {
            ["MergeForm.Target"] = "10002", ["MergeForm.Step"] = "confirm",
        }), "/support/tickets/10002?done=changed");
        Assert.Contains("#10001 is itself merged into #10002; merge into #10002 instead", await RefusedAsync(10003, "10001", confirm: true, anyway: true), StringComparison.Ordinal);

        // Confirmed: merged; the survivor stays Emily's, and Frank sees his request closed without a way into hers.
        await SupportPages.SentAsync(await owner.Client.SubmitAsync("/support/tickets/10003", "merge", new Dictionary<string, string>
        {
            ["MergeForm.Target"] = "10002", ["MergeForm.Step"] = "confirm", ["MergeForm.Anyway"] = "true",
        }), "/support/tickets/10002?done=changed");
        Assert.Equal(emily.Id, (await PortalTicketSteps.TicketAsync(app, 10002)).RequesterMemberId);
        var franks = await Html.GetAsync(frank.Client, "/portal/tickets/10003");
        Assert.NotNull(franks.QuerySelector("[data-testid=merged]"));
        Assert.Null(franks.QuerySelector("[data-testid=merged-link]"));
        Assert.Equal(HttpStatusCode.NotFound, (await frank.Client.GetAsync("/portal/tickets/10002")).StatusCode);
        Assert.Null(Html.Parse(await frank.Client.GetStringAsync("/portal/tickets/10003")).QuerySelector("form input[name='_handler'][value='answer']"));

        // Erasing Frank reaches his message in Emily's ticket too.
        await using (var scope = app.Scope())
        {
            var erased = await scope.ServiceProvider.GetRequiredService<RightHand.Members.Privacy.MemberErasure>().EraseAsync(frank.Id, frank.Number, owner.PersonId);
            Assert.True(erased.Succeeded, string.Join("; ", erased.Errors));
        }
        var survivor = await Html.GetAsync(owner.Client, "/support/tickets/10002");
        Assert.DoesNotContain("Three.", survivor.QuerySelector("[data-testid=conversation]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Two.", survivor.QuerySelector("[data-testid=conversation]")!.TextContent, StringComparison.Ordinal);
    }
}

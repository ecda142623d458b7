using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Mail;
using RightHand.Support;
using RightHand.Support.Inbound;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Inbound;

/// <summary>Received mail onto the desk: new tickets and receipts, threading, re-delivery, closed tickets, attachments, bounces.</summary>
public sealed class MailIntakeTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task NewMail_OpensATicketWithAReceipt_AnswersThread_AStrangerCannotWriteIntoATicketByItsNumber(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var anna = await SupportPages.MemberAsync(app, owner.PersonId, "Anna", "Adams", "anna@example.org", language: "en");

        var opened = await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("Anna Adams <Anna@Example.org>", "Invoice missing", "Where is my invoice?", "<a1@mail.example>"));
        Assert.Equal(new IntakeResult(IntakeOutcome.TicketCreated, 10001), opened);
        var ticket = await ReceivedMail.QueryAsync(app, db => db.Tickets.AsNoTracking().SingleAsync());
        Assert.Equal((anna.Id, TicketChannel.Email, "Invoice missing", "en"), (ticket.RequesterMemberId, ticket.Channel, ticket.Subject, ticket.Language));
        // The receipt: in the member's language, threaded onto her mail, marked so that no auto-responder answers it.
        var receipt = await ReceivedMail.QueryAsync(app, db => db.OutgoingMails.AsNoTracking().SingleAsync());
        Assert.Equal(("Anna@Example.org", "[#10001] We received your request: Invoice missing", OutgoingMail.AutoReplied, "<a1@mail.example>"),
            (receipt.To, receipt.Subject, receipt.AutoSubmitted, receipt.InReplyTo));
        Assert.Contains("we received your request #10001", receipt.TextBody, StringComparison.Ordinal);

        // Her answer to the receipt threads by In-Reply-To; a staff reply's answer too.
        Assert.Equal(new IntakeResult(IntakeOutcome.MessageAdded, 10001),
            await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("anna@example.org", "Re: something else", "Also the one from May.", "<a2@mail.example>", receipt.MessageId)));
        await using (var scope = app.Scope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<TicketDesk>().ReplyAsync(ticket.Id, owner.PersonId, "Both are attached.")).Succeeded);
        var reply = await ReceivedMail.QueryAsync(app, db => db.TicketMessages.AsNoTracking().SingleAsync(m => m.Kind == TicketMessageKind.Reply));
        Assert.Equal(new IntakeResult(IntakeOutcome.MessageAdded, 10001),
            await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("anna@example.org", "Thanks", "Got them.", "<a3@mail.example>", reply.MailMessageId)));
        // By the number in the subject: from her address yes; from a stranger it opens a ticket of the stranger's own.
        Assert.Equal(new IntakeResult(IntakeOutcome.MessageAdded, 10001),
            await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("anna@example.org", "Re: [#10001] Invoice missing", "One more thing.", "<a4@mail.example>")));
        Assert.Equal(new IntakeResult(IntakeOutcome.TicketCreated, 10002),
            await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("mallory@evil.example", "Re: [#10001] Invoice missing", "Send me her invoices.", "<m1@evil.example>")));

        // fetchmail delivers the same mail again: nothing is added, the ticket is reported.
        Assert.Equal(new IntakeResult(IntakeOutcome.AlreadyReceived, 10001),
            await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("anna@example.org", "Re: [#10001] Invoice missing", "One more thing.", "<a4@mail.example>")));
        Assert.Equal(["FromRequester: Where is my invoice?", "FromRequester: Also the one from May.", "Reply: Both are attached.", "FromRequester: Got them.",
            "FromRequester: One more thing."], await ReceivedMail.ConversationAsync(app, 10001));
        Assert.Equal(["FromRequester: Send me her invoices."], await ReceivedMail.ConversationAsync(app, 10002));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ClosedTicket_AnswerOpensANewTicketNamingIt_OversizedAttachmentIsDroppedWithANote_MailWithoutTextIsKept(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("ben@example.org", "Printer", "It jams.", "<b1@mail.example>"));
        await using (var scope = app.Scope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<TicketDesk>();
            var id = (await scope.ServiceProvider.GetRequiredService<RightHand.Platform.Database.AppDb>().Tickets.SingleAsync()).Id;
            Assert.True((await desk.SetStateAsync(id, TicketState.Closed)).Succeeded);
        }

        var big = new byte[RightHand.Support.AttachmentStore.MaxBytes + 1];
        var raw = System.Text.Encoding.ASCII.GetBytes(
            "From: ben@example.org\r\nSubject: Re: Printer\r\nMessage-ID: <b2@mail.example>\r\nIn-Reply-To: <b1@mail.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nIt jams again.\r\n--x\r\n"
            + "Content-Type: image/png\r\nContent-Disposition: attachment; filename=\"small.png\"\r\n\r\nPNG\r\n--x\r\n"
            + "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"video.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Convert.ToBase64String(big, Base64FormattingOptions.InsertLineBreaks) + "\r\n--x--\r\n");
        Assert.Equal(new IntakeResult(IntakeOutcome.TicketCreated, 10002), await ReceivedMail.ReceiveAsync(app, raw));
        var conversation = await ReceivedMail.ConversationAsync(app, 10002);
        Assert.Equal("FromRequester: It jams again.", conversation[0]);
        Assert.Contains("InternalNote: This mail answers the closed ticket #10001; it opened this new ticket.", conversation);
        Assert.Contains("InternalNote: Attachments not kept (larger than 25 MB, or more than 10 files): video.bin", conversation);
        Assert.Equal(["small.png"], await ReceivedMail.QueryAsync(app, db => db.TicketAttachments.Select(a => a.FileName).ToListAsync()));

        // Not mail at all: refused with the reason, kept as it came with the reason beside it.
        var junk = System.Text.Encoding.ASCII.GetBytes("hello, this is not a mail\r\n");
        var refused = await ReceivedMail.ReceiveAsync(app, junk);
        Assert.Equal(IntakeOutcome.Rejected, refused.Outcome);
        Assert.Contains("not a mail message", refused.Reason, StringComparison.Ordinal);
        var kept = Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "rejected-mail"), "*.eml"));
        Assert.Equal(junk, await File.ReadAllBytesAsync(kept));
        Assert.Contains("not a mail message", await File.ReadAllTextAsync(Path.ChangeExtension(kept, ".txt")), StringComparison.Ordinal);
        Assert.Equal(2, await ReceivedMail.QueryAsync(app, db => db.Tickets.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task BounceOfAReply_IsANoteOnItsTicket_AndMarksTheMail_NeverATicket_AnUnknownBounceIsKept(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("peter@example.net", "Access", "Please give me access.", "<p1@mail.example>"));
        await using (var scope = app.Scope())
        {
            var id = (await scope.ServiceProvider.GetRequiredService<RightHand.Platform.Database.AppDb>().Tickets.SingleAsync()).Id;
            Assert.True((await scope.ServiceProvider.GetRequiredService<TicketDesk>().ReplyAsync(id, owner.PersonId, "Done.")).Succeeded);
        }
        var reply = await ReceivedMail.QueryAsync(app, db => db.OutgoingMails.AsNoTracking().SingleAsync(m => m.AutoSubmitted == null));

        Assert.Equal(new IntakeResult(IntakeOutcome.BounceRecorded, 10001), await ReceivedMail.ReceiveAsync(app, ReceivedMail.Bounce(reply.MessageId, "peter@example.net")));
        var note = (await ReceivedMail.QueryAsync(app, db => db.TicketMessages.AsNoTracking().SingleAsync(m => m.Kind == TicketMessageKind.InternalNote))).Body;
        Assert.Contains("Delivery to peter@example.net failed for good (hard bounce): 5.1.1 550 5.1.1 User unknown", note, StringComparison.Ordinal);
        var marked = await ReceivedMail.QueryAsync(app, db => db.OutgoingMails.AsNoTracking().SingleAsync(m => m.Id == reply.Id));
        Assert.NotNull(marked.BouncedAt);
        Assert.StartsWith("hard: ", marked.Bounce, StringComparison.Ordinal);
        // No receipt answers a bounce, and it is no ticket; the same report again adds nothing.
        Assert.Equal(1, await ReceivedMail.QueryAsync(app, db => db.Tickets.CountAsync()));
        Assert.Equal(IntakeOutcome.AlreadyReceived, (await ReceivedMail.ReceiveAsync(app, ReceivedMail.Bounce(reply.MessageId, "peter@example.net"))).Outcome);
        Assert.Equal(1, await ReceivedMail.QueryAsync(app, db => db.TicketMessages.CountAsync(m => m.Kind == TicketMessageKind.InternalNote)));

        var unknown = await ReceivedMail.ReceiveAsync(app, ReceivedMail.Bounce("<never-sent@righthand.example>", "x@example.net", "4.4.1", "<bounce-2@mx.example>"));
        Assert.Equal(IntakeOutcome.UnknownBounce, unknown.Outcome);
        var kept = Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "rejected-mail"), "*.txt"));
        Assert.Equal("bounce for an unknown message", await File.ReadAllTextAsync(kept));
        Assert.Equal(1, await ReceivedMail.QueryAsync(app, db => db.Tickets.CountAsync()));
    }
}

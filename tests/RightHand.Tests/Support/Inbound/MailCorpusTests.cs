using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Mail;
using RightHand.Support;
using RightHand.Support.Inbound;
using RightHand.Tests.Access;
using RightHand.Tests.Formats.Mime;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Inbound;

/// <summary>Every message of the MIME corpus through the intake: nothing crashes, each lands where a person would expect it.</summary>
public sealed class MailCorpusTests
{
    private static readonly string[] AnsweredReplies = ["<ticket-10234.3@righthand.example>", "<ticket-10234.4@righthand.example>"];

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task EveryCorpusMessage_IsTaken_BouncesAndAutoRepliesFindOurTicket_HostileTextStaysText(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        // Ticket #10001 with two replies whose Message-IDs the corpus's bounce and out-of-office answer.
        await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("m.weber@kunde.example", "Ihre Anfrage", "Bitte um Rückruf.", "<seed@kunde.example>"));
        await ReceivedMail.QueryAsync(app, async db =>
        {
            var ticket = await db.Tickets.SingleAsync();
            ticket.State = TicketState.WaitingForMember;
            foreach (var id in AnsweredReplies)
            {
                db.TicketMessages.Add(new TicketMessage { TicketId = ticket.Id, Kind = TicketMessageKind.Reply, Body = "Wir rufen zurück.", CreatedAt = DateTime.UtcNow,
                    Channel = TicketChannel.Email, MailMessageId = id, AuthorPersonId = owner.PersonId });
                db.OutgoingMails.Add(new OutgoingMail { To = "peter.nichtda@example.net", Subject = "[#10001] Ihre Anfrage", TextBody = "Wir rufen zurück.", MessageId = id,
                    CreatedAt = DateTime.UtcNow, AutoSubmitted = null });
            }
            return await db.SaveChangesAsync();
        });
        var receipts = await ReceivedMail.QueryAsync(app, db => db.OutgoingMails.CountAsync(m => m.AutoSubmitted == OutgoingMail.AutoReplied));

        var outcomes = new Dictionary<string, IntakeResult>();
        foreach (var file in Corpus.Files) outcomes[Path.GetFileName(file)] = await ReceivedMail.ReceiveAsync(app, await File.ReadAllBytesAsync(file));

        Assert.True(outcomes.Count >= 25);
        Assert.All(outcomes, o => Assert.NotEqual(IntakeOutcome.Rejected, o.Value.Outcome));
        Assert.Equal(new IntakeResult(IntakeOutcome.BounceRecorded, 10001), outcomes["postfix-bounce.eml"]);
        Assert.Equal(IntakeOutcome.UnknownBounce, outcomes["postfix-delayed.eml"].Outcome);
        Assert.Equal(new IntakeResult(IntakeOutcome.MessageAdded, 10001), outcomes["out-of-office.eml"]);
        Assert.Equal(IntakeOutcome.TicketCreated, outcomes["gmail-alternative.eml"].Outcome);
        var notes = await ReceivedMail.ConversationAsync(app, 10001);
        Assert.Contains(notes, n => n.StartsWith("InternalNote: A reply on this ticket came back undelivered", StringComparison.Ordinal));
        Assert.Contains("InternalNote: This is an automatic reply (such as an out-of-office notice): no receipt was sent.", notes);
        // An out-of-office notice is no answer: the ticket goes on waiting for the member.
        Assert.Equal(TicketState.WaitingForMember, await ReceivedMail.QueryAsync(app, db => db.Tickets.Where(t => t.Number == 10001).Select(t => t.State).SingleAsync()));
        // Receipts went to people only: no auto-reply, vacation notice or bounce got one.
        var to = await ReceivedMail.QueryAsync(app, db => db.OutgoingMails.Where(m => m.AutoSubmitted == OutgoingMail.AutoReplied).Select(m => m.To).ToListAsync());
        Assert.DoesNotContain("m.weber@kunde.example", to.Skip(receipts), StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("jens@fischer.example", to, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(to, t => t.Contains("daemon", StringComparison.OrdinalIgnoreCase));

        // The hostile one is a ticket whose subject and text the ticket page shows as text, never as markup.
        var xss = outcomes["xss-payloads.eml"];
        Assert.Equal(IntakeOutcome.TicketCreated, xss.Outcome);
        var page = await Html.GetAsync(owner.Client, $"/support/tickets/{xss.TicketNumber}");
        Assert.Contains("<script>alert('subject')</script>", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        Assert.Empty(page.QuerySelectorAll("[onerror], [onload], svg"));
    }
}

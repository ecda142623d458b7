using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Mail;
using RightHand.Support.Inbound;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Inbound;

/// <summary>Receipts and the loops they could start with other machines.</summary>
public sealed class MailLoopTests
{
    private const string Responder = "robot@responder.example";

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TwoAutoResponders_ExchangeAtMostOneMessageEach(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings);
        // The other side answers every mail it gets with a marked auto-reply; the first mail came from it unmarked.
        var answered = 0;
        await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text(Responder, "Order status", "Where is my order?", "<r0@responder.example>"));
        for (var round = 0; round < 10; round++)
        {
            var ours = await MailsToAsync(app, Responder);
            foreach (var mail in ours.Skip(answered))
            {
                answered++;
                await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text(Responder, "Auto: " + mail.Subject, "I am away.", $"<r{answered}@responder.example>", mail.MessageId,
                    "Auto-Submitted: auto-replied"));
            }
        }
        Assert.Single(await MailsToAsync(app, Responder));
        Assert.Equal(1, answered);
        // Its auto-reply joined the ticket, marked, with a note for staff.
        Assert.Equal(["FromRequester: Where is my order?", "FromRequester: I am away.", "InternalNote: This is an automatic reply (such as an out-of-office notice): no receipt was sent."],
            await ReceivedMail.ConversationAsync(app, 10001));
        Assert.Equal([false, true], await ReceivedMail.QueryAsync(app, db => db.InboundMails.OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id).Select(m => m.IsAutoReply).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AResponderThatDoesNotMarkItsMail_GetsAtMostThreeReceiptsAnHour_NeverOurOwnAddress_NoneWhenTheOwnerTurnedThemOff(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings, clock);
        // Each of its answers has a new subject and no threading: each opens a ticket; the loop breaker stops the receipts.
        for (var i = 0; i < 6; i++)
            Assert.Equal(IntakeOutcome.TicketCreated, (await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text(Responder, $"Thanks for mail {i}", "Received.", $"<u{i}@responder.example>"))).Outcome);
        Assert.Equal(3, (await MailsToAsync(app, Responder)).Count);
        clock.Advance(TimeSpan.FromMinutes(61));
        await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text(Responder, "Thanks for mail 7", "Received.", "<u7@responder.example>"));
        Assert.Equal(4, (await MailsToAsync(app, Responder)).Count);

        await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("Support@RightHand.example", "Loop", "From ourselves.", "<self@righthand.example>"));
        Assert.Empty(await MailsToAsync(app, "Support@RightHand.example"));

        await using (var scope = app.Scope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<MailAcknowledgements>().SetAsync(on: false)).Succeeded);
        Assert.Equal(IntakeOutcome.TicketCreated, (await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("carla@example.org", "Hello", "A question.", "<c1@example.org>"))).Outcome);
        Assert.Empty(await MailsToAsync(app, "carla@example.org"));
    }

    private static Task<List<OutgoingMail>> MailsToAsync(TestApp app, string to) =>
        ReceivedMail.QueryAsync(app, db => db.OutgoingMails.AsNoTracking().Where(m => m.To == to).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());
}

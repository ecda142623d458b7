using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Platform.Mail;
using RightHand.Support;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using RightHand.Tests.Platform.Mail;
using Xunit;

namespace RightHand.Tests.Support;

/// <summary>A ticket's conversation: opening, replies mailed to the requester, the requester's answer, internal notes.</summary>
public sealed class TicketConversationTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Reply_IsMailedThreadedWithSignature_AndNotAutoSubmitted_TheAnswerReopens_TheNoteIsNeverMailed(Engine engine)
    {
        await using var sink = await SmtpSink.StartAsync();
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "false", ["Mail:SmtpHost"] = sink.Host, ["Mail:SmtpPort"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:StartTls"] = "false", ["Mail:From"] = "support@righthand.example",
        }, clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var anna = await SupportPages.MemberAsync(app, owner.PersonId, "Anna", "Adams", "anna@example.org", language: "en");
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        await SupportPages.SentAsync(await assistant.Client.SubmitAsync("/account", "signature", new Dictionary<string, string>
        {
            ["Signature"] = "Sam from the support team",
        }), "/account?done=signature");

        // A mail from the member's address (in other case) opens a ticket linked to her, in her language.
        var ticket = await SupportPages.OpenByMailAsync(app, "Anna@Example.org", "Cannot sign in", "The login page says my password is wrong.", "<first@mail.example>");
        Assert.Equal((10001L, anna.Id, "en", TicketState.New), (ticket.Number, ticket.RequesterMemberId, ticket.Language, ticket.State));

        clock.Advance(TimeSpan.FromMinutes(30));
        await SupportPages.SentAsync(await SupportPages.PostMessageAsync(assistant.Client, 10001, "I have sent you a new link."), "/support/tickets/10001?done=reply");
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var mail = await db.OutgoingMails.AsNoTracking().SingleAsync(m => m.To == "Anna@Example.org");
            Assert.Equal("[#10001] Cannot sign in", mail.Subject);
            Assert.Equal(("<first@mail.example>", "<first@mail.example>", (string?)null), (mail.InReplyTo, mail.References, mail.AutoSubmitted));
            var saved = await db.Tickets.AsNoTracking().SingleAsync();
            Assert.Equal(TicketState.WaitingForMember, saved.State);
            Assert.Equal(clock.GetUtcNow().UtcDateTime, saved.FirstRespondedAt!.Value, TimeSpan.FromMilliseconds(1));
            var reply = await db.TicketMessages.AsNoTracking().SingleAsync(m => m.Kind == TicketMessageKind.Reply);
            Assert.Equal(mail.MessageId, reply.MailMessageId);
        }

        // Delivered over SMTP: threaded, signed, with the hint in the ticket's language, and no Auto-Submitted header.
        Assert.True(await app.Services.GetRequiredService<JobRunner>().RunOneAsync(CancellationToken.None));
        var received = MailMessageText.Parse((await sink.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30))).Single());
        Assert.Equal("<first@mail.example>", received.Header("In-Reply-To"));
        Assert.Equal("<first@mail.example>", received.Header("References"));
        Assert.Throws<InvalidOperationException>(() => received.Header("Auto-Submitted"));
        Assert.Contains("I have sent you a new link.", received.Body, StringComparison.Ordinal);
        Assert.Contains("Sam from the support team", received.Body, StringComparison.Ordinal);
        Assert.Contains("keep #10001 in the subject", received.Body, StringComparison.Ordinal);

        // The member answers: the ticket is open again, and a later reply answers her newest mail within the whole thread.
        clock.Advance(TimeSpan.FromHours(1));
        await using (var scope = app.Scope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<TicketDesk>()
                .AddRequesterMessageAsync(ticket.Id, "Thanks, it works.", TicketChannel.Email, fromAddress: "anna@example.org", mailMessageId: "<second@mail.example>");
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            Assert.Equal(TicketState.Open, (await scope.ServiceProvider.GetRequiredService<AppDb>().Tickets.AsNoTracking().SingleAsync()).State);
        }

        // An internal note: on the page, visibly a note, and no mail.
        await SupportPages.SentAsync(await SupportPages.PostMessageAsync(assistant.Client, 10001, "She uses an old browser.", kind: "note"), "/support/tickets/10001?done=note");
        var page = await Html.GetAsync(assistant.Client, "/support/tickets/10001");
        Assert.Equal(["requester", "reply", "requester", "note"], page.QuerySelectorAll("[data-message-kind]").Select(m => m.GetAttribute("data-message-kind")));
        Assert.Contains("She uses an old browser.", page.QuerySelector("[data-message-kind=note]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Open", page.QuerySelector("[data-testid=state]")!.TextContent);

        await SupportPages.SentAsync(await SupportPages.PostMessageAsync(assistant.Client, 10001, "Glad to hear it.", then: "Solved"), "/support/tickets/10001?done=reply");
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var all = await db.OutgoingMails.AsNoTracking().Where(m => m.To == "Anna@Example.org").OrderBy(m => m.CreatedAt).ToListAsync();
            // Solving it also asks for her rating (Support/Ratings), in a mail of its own beside the conversation.
            Assert.Single(all, m => m.Subject == "[#10001] How did we do?");
            var mails = all.Where(m => m.Subject != "[#10001] How did we do?").ToList();
            Assert.Equal(2, mails.Count);
            Assert.DoesNotContain(mails, m => m.TextBody.Contains("old browser", StringComparison.Ordinal));
            Assert.Equal("<second@mail.example>", mails[1].InReplyTo);
            Assert.Equal($"<first@mail.example> {mails[0].MessageId} <second@mail.example>", mails[1].References);
            var saved = await db.Tickets.AsNoTracking().SingleAsync();
            Assert.Equal(TicketState.Solved, saved.State);
            Assert.NotNull(saved.SolvedAt);
        }
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task PhoneNote_OnBehalfOfAMember_ShowsOnTheMemberPage_AndBadInputChangesNothing(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var bert = await SupportPages.MemberAsync(app, owner.PersonId, "Bert", "Brandt", "bert@example.org", language: "de");

        var refused = await owner.Client.SubmitAsync("/support/tickets/new", "open", new Dictionary<string, string>
        {
            ["Input.Requester"] = "not-an-address@", ["Input.Subject"] = "", ["Input.Body"] = "Ruft wegen der Rechnung an.", ["Input.Channel"] = "Phone",
        });
        var errors = Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Subject: enter a subject of at most 200 characters.", errors, StringComparison.Ordinal);
        Assert.Contains("Requester: enter a valid e-mail address.", errors, StringComparison.Ordinal);
        await using (var scope = app.Scope()) Assert.Empty(await scope.ServiceProvider.GetRequiredService<AppDb>().Tickets.ToListAsync());

        var opened = await owner.Client.SubmitAsync($"/support/tickets/new?requester={bert.Number}", "open", new Dictionary<string, string>
        {
            ["Input.Requester"] = bert.Number.ToLowerInvariant(), ["Input.Subject"] = "Frage zur Rechnung", ["Input.Body"] = "Ruft wegen der Rechnung an.",
            ["Input.Channel"] = "Phone", ["Input.Priority"] = "High",
        });
        await SupportPages.SentAsync(opened, "/support/tickets/10001");
        var ticketPage = await Html.GetAsync(owner.Client, "/support/tickets/10001");
        Assert.Equal($"/members/{bert.Number}", ticketPage.QuerySelector("[data-testid=member-link]")!.GetAttribute("href"));
        Assert.Equal("high", ticketPage.QuerySelector("[data-testid=priority]")!.TextContent);

        var memberPage = await Html.GetAsync(owner.Client, $"/members/{bert.Number}");
        var row = memberPage.QuerySelector("[data-testid=member-tickets] tr[data-ticket='10001']")!;
        Assert.Contains("Frage zur Rechnung", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("/support/tickets/10001", row.QuerySelector("a")!.GetAttribute("href"));
        await using (var scope = app.Scope())
        {
            var ticket = await scope.ServiceProvider.GetRequiredService<AppDb>().Tickets.AsNoTracking().SingleAsync();
            Assert.Equal((bert.Id, "de", TicketChannel.Phone, TicketPriority.High), (ticket.RequesterMemberId, ticket.Language, ticket.Channel, ticket.Priority));
        }
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task MembersTicket_IsSealedInTheAuditTrail_AndBlankedWhenTheMemberIsErased(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var carla = await SupportPages.MemberAsync(app, owner.PersonId, "Carla", "Conrad", "carla@example.org");
        var ticket = await SupportPages.OpenByMailAsync(app, "carla@example.org", "My divorce and my invoice", "Personal details about the divorce.");
        await SupportPages.SentAsync(await SupportPages.PostMessageAsync(owner.Client, ticket.Number, "Sorry to hear about the divorce.", kind: "note",
            files: [("letter.txt", "text/plain", System.Text.Encoding.UTF8.GetBytes("divorce letter"))]), $"/support/tickets/{ticket.Number}?done=note");

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var trail = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "Ticket" || e.EntityType == "TicketMessage").ToListAsync();
            Assert.NotEmpty(trail);
            Assert.DoesNotContain(trail, e => System.Text.Json.JsonSerializer.Serialize(e).Contains("divorce", StringComparison.OrdinalIgnoreCase));
            var erasure = scope.ServiceProvider.GetRequiredService<RightHand.Members.Privacy.MemberErasure>();
            var erased = await erasure.EraseAsync(carla.Id, carla.Number, owner.PersonId);
            Assert.True(erased.Succeeded, string.Join("; ", erased.Errors));
        }

        var page = await Html.GetAsync(owner.Client, $"/support/tickets/{ticket.Number}");
        Assert.DoesNotContain("divorce", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("carla@example.org", page.Body.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(page.QuerySelectorAll("[data-testid=attachment]"));
        Assert.Equal(2, page.QuerySelectorAll("[data-message-kind]").Length);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TicketsOpenedAtTheSameMoment_GetDifferentNumbers_AndAMemberNeverWritesIntoAnothersTicket(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var numbers = await Task.WhenAll(Enumerable.Range(1, 6).Select(async i =>
            (await SupportPages.OpenByMailAsync(app, $"same{i}@example.org", $"Same moment {i}")).Number));
        Assert.Equal(Enumerable.Range(10001, 6).Select(n => (long)n), numbers.Order());

        var dora = await SupportPages.MemberAsync(app, owner.PersonId, "Dora", "Dietz", "dora@example.org");
        var emil = await SupportPages.MemberAsync(app, owner.PersonId, "Emil", "Ernst", "emil@example.org");
        var dorasTicket = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(dora.Id, null), "My plan", "Which plan am I on?"));
        await using var scope = app.Scope();
        var desk = scope.ServiceProvider.GetRequiredService<TicketDesk>();
        var intruder = await desk.AddRequesterMessageAsync(dorasTicket.Id, "Let me in.", TicketChannel.Portal, memberId: emil.Id);
        Assert.Equal(["This ticket does not exist."], intruder.Errors);
        Assert.True((await desk.BulkCloseAsync([dorasTicket.Id])).Succeeded);
        var late = await desk.AddRequesterMessageAsync(dorasTicket.Id, "One more thing.", TicketChannel.Portal, memberId: dora.Id);
        Assert.Equal(["This ticket is closed; a new request opens a new ticket."], late.Errors);
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDb>().TicketMessages.CountAsync(m => m.TicketId == dorasTicket.Id));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ALongThread_ShowsItsFirstAndLatestMessages_WithALinkToTheRest(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var ticket = await SupportPages.OpenByMailAsync(app, "long@example.org", "A long story", "Message 1");
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            for (var i = 2; i <= 75; i++)
            {
                db.TicketMessages.Add(new TicketMessage
                {
                    TicketId = ticket.Id, Kind = TicketMessageKind.FromRequester, FromAddress = "long@example.org", Body = $"Message {i}",
                    CreatedAt = ticket.CreatedAt.AddMinutes(i), Channel = TicketChannel.Email,
                });
            }
            await db.SaveChangesAsync();
        }

        static List<string> Bodies(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll(".message-body").Select(b => b.TextContent).ToList();
        var page = await Html.GetAsync(owner.Client, "/support/tickets/10001");
        // The first message and the latest 59; the 15 between are one link away.
        Assert.Equal(["Message 1", .. Enumerable.Range(17, 59).Select(i => $"Message {i}")], Bodies(page));
        var gap = page.QuerySelector("[data-testid=earlier-messages] a")!;
        Assert.Equal(("Show 15 earlier messages", "/support/tickets/10001?all=1#conversation"), (gap.TextContent, gap.GetAttribute("href")));
        var all = await Html.GetAsync(owner.Client, "/support/tickets/10001?all=1");
        Assert.Equal(Enumerable.Range(1, 75).Select(i => $"Message {i}"), Bodies(all));
        Assert.Null(all.QuerySelector("[data-testid=earlier-messages]"));
        // The split menu offers the messages on the page; the reply check counts the whole thread either way.
        static int SplitChoices(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("#l-split option").Length;
        static string? Seen(AngleSharp.Dom.IDocument page) => page.QuerySelector("input[name='Message.Seen']")?.GetAttribute("value");
        Assert.Equal((60, 75), (SplitChoices(page), SplitChoices(all)));
        Assert.Equal(("75", "75"), (Seen(page), Seen(all)));
    }
}

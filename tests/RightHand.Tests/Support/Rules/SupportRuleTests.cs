using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Members;
using RightHand.Platform.Mail;
using RightHand.Support;
using RightHand.Support.Inbound;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using RightHand.Tests.Support.Inbound;
using Xunit;
using static RightHand.Tests.Support.Rules.RuleSteps;

namespace RightHand.Tests.Support.Rules;

/// <summary>Support rules on tickets as they come in: conditions, actions, order, the stop flag, mail, auto-replies, the try-run.</summary>
public sealed class SupportRuleTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task RulesRunInOrder_SetCategoryPriorityAssigneeAndTag_StopEndsTheList_AndTheNoteSaysWhy(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var billing = await CategoryAsync(app, "Billing");
        var invoices = await WriteRuleAsync(owner, ("Name", "Invoices"), ("Enabled", "true"), ("OnNewTickets", "true"), ("StopAfter", "true"),
            ("SubjectWords", "invoice Rechnung"), ("SetCategory", billing.ToString()), ("SetPriority", "High"), ("AssignTo", owner.PersonId.ToString()), ("AddTag", "Billing"));
        await WriteRuleAsync(owner, ("Name", "Everything"), ("Enabled", "true"), ("OnNewTickets", "true"), ("AddTag", "seen"));
        await WriteRuleAsync(owner, ("Name", "Switched off"), ("OnNewTickets", "true"), ("AddTag", "never"));
        // A rule must do something, and each wrong field is named.
        var bad = await owner.Client.SubmitAsync("/support/rules/new", "rule", Fields([("Name", "Bad"), ("OnNewTickets", "true"), ("From", "25:00")], "save"));
        var alert = Html.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("From: enter a time as HH:MM.", alert, StringComparison.Ordinal);
        Assert.Contains("Actions: choose at least one thing the rule does.", alert, StringComparison.Ordinal);
        Assert.Equal(3, await QueryAsync(app, db => db.SupportRules.CountAsync()));

        var invoice = await SupportPages.OpenByMailAsync(app, "anna@example.org", "Where is my INVOICE?");
        var other = await SupportPages.OpenByMailAsync(app, "ben@example.org", "Password");
        var first = await QueryAsync(app, db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == invoice.Id));
        Assert.Equal((billing, TicketPriority.High, owner.PersonId), (first.CategoryId, first.Priority, first.AssigneeId));
        Assert.Equal(["billing"], await QueryAsync(app, db => db.TicketTags.Where(t => t.TicketId == invoice.Id).Select(t => t.Tag).ToListAsync()));
        Assert.Equal(["seen"], await QueryAsync(app, db => db.TicketTags.Where(t => t.TicketId == other.Id).Select(t => t.Tag).ToListAsync()));
        var page = await Html.GetAsync(owner.Client, $"/support/tickets/{invoice.Number}");
        var note = page.QuerySelector("[data-message-kind=note] .message-body")!.TextContent;
        Assert.Equal("Rule 'Invoices': set category Billing, set priority high, assign to Olivia Owner, add tag billing.", note);

        // "Everything" moved to the top fires first; "Invoices" still fires after it.
        var list = await Html.GetAsync(owner.Client, "/support/rules");
        Assert.Equal(["Invoices", "Everything", "Switched off"], list.QuerySelectorAll("[data-testid=rules] tbody tr").Select(r => r.GetAttribute("data-rule")!));
        var everything = list.QuerySelector("[data-rule=Everything] a")!.GetAttribute("href")!.Split('/')[^1];
        await owner.Client.SubmitAsync("/support/rules", $"rule-{everything}", new Dictionary<string, string> { ["Change"] = "up" });
        list = await Html.GetAsync(owner.Client, "/support/rules");
        Assert.Equal(["Everything", "Invoices", "Switched off"], list.QuerySelectorAll("[data-testid=rules] tbody tr").Select(r => r.GetAttribute("data-rule")!));
        var again = await SupportPages.OpenByMailAsync(app, "carla@example.org", "Rechnung fehlt");
        Assert.Equal(["billing", "seen"], await QueryAsync(app, db => db.TicketTags.Where(t => t.TicketId == again.Id).OrderBy(t => t.Tag).Select(t => t.Tag).ToListAsync()));
        Assert.Equal(2, await QueryAsync(app, db => db.TicketMessages.CountAsync(m => m.TicketId == again.Id && m.Kind == TicketMessageKind.InternalNote)));
        Assert.StartsWith("/support/rules/", invoices, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task MemberChannelAndBodyConditions_DecideTheEscalations_ToITAndToTheOwner(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var gold = await PlanAsync(app, "Gold");
        var vip = await MemberAsync(app, owner.PersonId, "Vera", "vera@example.org", MemberStatus.Active, gold, "VIP");
        var paused = await MemberAsync(app, owner.PersonId, "Paul", "paul@example.org", MemberStatus.Paused, gold, "vip");
        var support = await CategoryAsync(app, "Technik");
        await WriteRuleAsync(owner, ("Name", "VIP to the owner"), ("Enabled", "true"), ("OnNewTickets", "true"), ("MemberStatus", "Active"),
            ("MemberPlan", gold.ToString()), ("MemberTag", "vip"), ("Channel", "Portal"), ("Escalate", "Owner"));
        await WriteRuleAsync(owner, ("Name", "Errors to IT"), ("Enabled", "true"), ("OnNewTickets", "true"), ("BodyWords", "error fehler"),
            ("Category", support.ToString()), ("Escalate", "It"));

        var personal = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(vip.Id, null), "Termin", "Können wir sprechen?"));
        var byMail = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Email, new TicketRequester(vip.Id, null), "Termin", "Können wir sprechen?"));
        var notActive = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(paused.Id, null), "Termin", "Können wir sprechen?"));
        var stranger = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(null, "x@example.org"), "Termin", "Können wir sprechen?"));
        var bug = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Api, new TicketRequester(null, "it@example.org"), "Login", "Ein Fehler beim Login", CategoryId: support));
        var bugWithoutCategory = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Api, new TicketRequester(null, "it@example.org"), "Login", "Ein Fehler beim Login"));

        var states = await QueryAsync(app, db => db.Tickets.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.State));
        Assert.Equal(TicketState.WaitingForOwner, states[personal.Id]);
        Assert.Equal([TicketState.New, TicketState.New, TicketState.New], new[] { states[byMail.Id], states[notActive.Id], states[stranger.Id] });
        Assert.Equal(TicketState.WaitingForIt, states[bug.Id]);
        Assert.Equal(TicketState.New, states[bugWithoutCategory.Id]);
        var notes = await QueryAsync(app, db => db.TicketMessages.Where(m => m.TicketId == bug.Id && m.Kind == TicketMessageKind.InternalNote).Select(m => m.Body).ToListAsync());
        Assert.Contains("Rule 'Errors to IT': hand to IT.", notes);

        // Filed in the queues like an agent's escalation, with what a rule knows and the rest marked as not known yet.
        var filed = await QueryAsync(app, db => db.Escalations.AsNoTracking().ToListAsync());
        Assert.Equal(2, filed.Count);
        var it = filed.Single(e => e.TicketId == bug.Id);
        Assert.Equal((RightHand.Support.Escalations.EscalationKind.It, RightHand.Support.Escalations.EscalationStatus.New, "Login", "Ein Fehler beim Login"),
            (it.Kind, it.Status, it.Summary, it.Actual));
        Assert.Equal("Not known yet: filed by rule 'Errors to IT'.", it.StepsToReproduce);
        Assert.Equal(RightHand.Support.Escalations.EscalationKind.Owner, filed.Single(e => e.TicketId == personal.Id).Kind);
        Assert.Contains("Login", Html.Parse(await owner.Client.GetStringAsync("/support/it")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TimeOfDay_InBerlin_FollowsTheClock(Engine engine)
    {
        // Monday 2 March 2026, 17:30 UTC: 18:30 in Berlin.
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 17, 30, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await WriteRuleAsync(owner, ("Name", "Evening"), ("Enabled", "true"), ("OnNewTickets", "true"), ("From", "18:00"), ("To", "08:00"), ("AddTag", "after-hours"));
        var evening = await SupportPages.OpenByMailAsync(app, "a@example.org", "Hello");
        clock.Advance(TimeSpan.FromHours(16)); // Tuesday 10:30 in Berlin
        var morning = await SupportPages.OpenByMailAsync(app, "b@example.org", "Hello");
        var tagged = await QueryAsync(app, db => db.TicketTags.Where(t => t.Tag == "after-hours").Select(t => t.TicketId).ToListAsync());
        Assert.Equal([evening.Id], tagged);
        Assert.DoesNotContain(morning.Id, tagged);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task MailIn_RuleAnswersAPersonalMatterWithTheBookingLink_AutoRepliesGetNoAnswer_RepliesRunOnlyReplyRules(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var saved = await owner.Client.SubmitAsync("/support/settings", "booking-link", new Dictionary<string, string> { ["BookingLink"] = "https://cal.example.org/olivia" });
        Assert.Equal("/support/settings", Html.LocationPath(saved));
        var wrong = await owner.Client.SubmitAsync("/support/settings", "booking-link", new Dictionary<string, string> { ["BookingLink"] = "javascript:alert(1)" });
        Assert.Contains("booking link: enter a web address starting with https://", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var de = await AnswerAsync(app, owner.PersonId, "de", "Termin", "Hallo {{requester.name}}, buchen Sie einen Termin: {{owner.booking_link}} ({{ticket.number}})");
        var en = await AnswerAsync(app, owner.PersonId, "en", "Appointment", "Hello {{requester.name}}, book here: {{owner.booking_link}} ({{ticket.number}})");
        await WriteRuleAsync(owner, ("Name", "Personal"), ("Enabled", "true"), ("OnNewTickets", "true"), ("BodyWords", "termin appointment"),
            ("AnswerDe", de.ToString()), ("AnswerEn", en.ToString()), ("Escalate", "Owner"));
        await WriteRuleAsync(owner, ("Name", "Reply watch"), ("Enabled", "true"), ("OnRequesterReplies", "true"), ("AddTag", "replied"));

        Assert.Equal(new IntakeResult(IntakeOutcome.TicketCreated, 10001), await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("Erika Muster <erika@example.org>", "Gespräch", "Ich hätte gern einen Termin.", "<e1@mail.example>")));
        var mails = await QueryAsync(app, db => db.OutgoingMails.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync());
        var answer = Assert.Single(mails, m => m.TextBody.Contains("buchen Sie", StringComparison.Ordinal));
        Assert.StartsWith("Hallo Erika Muster, buchen Sie einen Termin: https://cal.example.org/olivia (#10001)", answer.TextBody, StringComparison.Ordinal);
        // Threaded onto her mail, and marked automatic so that her own auto-responder does not answer it.
        Assert.Equal(("<e1@mail.example>", OutgoingMail.AutoReplied, "[#10001] Gespräch"), (answer.InReplyTo, answer.AutoSubmitted, answer.Subject));
        var ticket = await QueryAsync(app, db => db.Tickets.AsNoTracking().SingleAsync());
        Assert.Equal(TicketState.WaitingForOwner, ticket.State);
        Assert.NotNull(ticket.FirstRespondedAt);
        Assert.Equal(1, await QueryAsync(app, db => db.CannedAnswers.Where(a => a.Id == de).Select(a => a.UsageCount).SingleAsync()));
        Assert.Empty(await QueryAsync(app, db => db.TicketTags.Select(t => t.Tag).ToListAsync()));

        // An out-of-office notice opens a ticket (no thread): the rule files it but sends no answer, so no two machines talk.
        var before = mails.Count;
        await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("robot@example.org", "Abwesend: Termin", "Ich bin abwesend, Termin nach Rückkehr.", "<r1@mail.example>", null,
            "Auto-Submitted: auto-replied"));
        Assert.Equal(before, await QueryAsync(app, db => db.OutgoingMails.CountAsync()));
        var robot = await QueryAsync(app, db => db.Tickets.AsNoTracking().SingleAsync(t => t.Number == 10002));
        Assert.Equal(TicketState.WaitingForOwner, robot.State);
        Assert.Contains(await QueryAsync(app, db => db.TicketMessages.Where(m => m.TicketId == robot.Id).Select(m => m.Body).ToListAsync()),
            b => b.Contains("no answer sent: the message is an automatic reply", StringComparison.Ordinal));

        // Her answer runs the reply rule only: tagged, no second booking answer.
        await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("erika@example.org", "Re: [#10001] Gespräch", "Danke, Termin gebucht.", "<e2@mail.example>", answer.MessageId));
        Assert.Equal(["replied"], await QueryAsync(app, db => db.TicketTags.Where(t => t.TicketId == ticket.Id).Select(t => t.Tag).ToListAsync()));
        Assert.Single(await QueryAsync(app, db => db.OutgoingMails.Where(m => m.TextBody.Contains("buchen Sie")).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TryRun_ShowsWhatAnUnsavedRuleWouldDo_AndWritesNothing(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var first = await SupportPages.OpenByMailAsync(app, "a@example.org", "Invoice twice");
        await SupportPages.OpenByMailAsync(app, "b@example.org", "Password");
        var third = await SupportPages.OpenByMailAsync(app, "c@example.org", "Second invoice");
        var tickets = await QueryAsync(app, db => db.Tickets.AsNoTracking().OrderBy(t => t.Number).Select(t => new { t.Id, t.State, t.UpdatedAt }).ToListAsync());
        var (audit, mails, messages) = (await QueryAsync(app, db => db.AuditEntries.CountAsync()), await QueryAsync(app, db => db.OutgoingMails.CountAsync()),
            await QueryAsync(app, db => db.TicketMessages.CountAsync()));

        var tried = await owner.Client.SubmitAsync("/support/rules/new", "rule", Fields([("Name", "Invoices"), ("OnNewTickets", "true"), ("SubjectWords", "invoice"),
            ("SetPriority", "Urgent"), ("Escalate", "Owner")], "try"));
        var page = Html.Parse(await tried.Content.ReadAsStringAsync());
        Assert.Equal("Would match 2 of 3", page.QuerySelector("[data-testid=trial-count]")!.TextContent);
        var rows = page.QuerySelectorAll("[data-testid=trial-match]");
        Assert.Equal([$"/support/tickets/{third.Number}", $"/support/tickets/{first.Number}"], rows.Select(r => r.QuerySelector("a")!.GetAttribute("href")!));
        Assert.Contains("set priority urgent; hand to the owner", rows[0].TextContent, StringComparison.Ordinal);

        Assert.Equal(0, await QueryAsync(app, db => db.SupportRules.CountAsync()));
        Assert.Equal((audit, mails, messages), (await QueryAsync(app, db => db.AuditEntries.CountAsync()), await QueryAsync(app, db => db.OutgoingMails.CountAsync()),
            await QueryAsync(app, db => db.TicketMessages.CountAsync())));
        Assert.Equal(tickets.Select(t => (t.State, t.UpdatedAt)),
            (await QueryAsync(app, db => db.Tickets.AsNoTracking().OrderBy(t => t.Number).Select(t => new { t.State, t.UpdatedAt }).ToListAsync())).Select(t => (t.State, t.UpdatedAt)));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Rules_AreTheOwners_TheAssistantSeesWhyButCannotChangeThem(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var rule = await WriteRuleAsync(owner, ("Name", "Tag all"), ("Enabled", "true"), ("OnNewTickets", "true"), ("AddTag", "all"));
        Assert.Equal("/access-denied", Html.LocationPath(await assistant.Client.GetAsync("/support/rules")));
        Assert.Equal("/access-denied", Html.LocationPath(await assistant.Client.GetAsync(rule)));
        Assert.Equal("/access-denied", Html.LocationPath(await assistant.Client.GetAsync("/support/rules/new")));
        var ticket = await SupportPages.OpenByMailAsync(app, "a@example.org", "Hello");
        var page = await Html.GetAsync(assistant.Client, $"/support/tickets/{ticket.Number}");
        Assert.Equal("Rule 'Tag all': add tag all.", page.QuerySelector("[data-message-kind=note] .message-body")!.TextContent);
    }
}

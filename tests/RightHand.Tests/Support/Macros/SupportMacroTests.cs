using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Members;
using RightHand.Support;
using RightHand.Support.Inbound;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using RightHand.Tests.Support.Inbound;
using Xunit;
using static RightHand.Tests.Support.Rules.RuleSteps;

namespace RightHand.Tests.Support.Macros;

/// <summary>Macros: written by anyone in support, applied in one click and one transaction.</summary>
public sealed class SupportMacroTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Macro_MailsTheAnswerWithMergeFieldsAndSignature_AndSetsStateTagsAndAssignee_InOneClick(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        await assistant.Client.SubmitAsync("/account", "signature", new Dictionary<string, string> { ["Signature"] = "Ihr Support-Team" });
        await MemberAsync(app, owner.PersonId, "Erika", "erika@example.org", MemberStatus.Active);
        var de = await AnswerAsync(app, owner.PersonId, "de", "Rechnung doppelt", "Hallo {{member.first_name}},\nzu {{ticket.number}}: wir erstatten den Betrag.\n{{agent.name}}");

        // The assistant writes the macro: it only combines an approved answer with steps they may take by hand.
        var none = await assistant.Client.SubmitAsync("/support/macros/new", "macro", new Dictionary<string, string> { ["Form.Name"] = "Nothing" });
        Assert.Contains("The macro does nothing yet", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = await assistant.Client.SubmitAsync("/support/macros/new", "macro", new Dictionary<string, string>
        {
            ["Form.Name"] = "Doppelte Abbuchung", ["Form.AnswerDe"] = de.ToString(), ["Form.StateAfter"] = "Solved", ["Form.Tags"] = "Refund, billing",
            ["Form.Assignee"] = "Me",
        });
        Assert.StartsWith("/support/macros/", Html.LocationPath(saved), StringComparison.Ordinal);

        await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("erika@example.org", "Zweimal abgebucht", "Bitte prüfen.", "<e1@mail.example>"));
        var ticket = await QueryAsync(app, db => db.Tickets.AsNoTracking().SingleAsync());
        var page = await Html.GetAsync(assistant.Client, $"/support/tickets/{ticket.Number}");
        var macroId = page.QuerySelector("#mp-macro option")!.GetAttribute("value")!;
        var applied = await assistant.Client.SubmitAsync($"/support/tickets/{ticket.Number}", "macro-apply", new Dictionary<string, string> { ["MacroId"] = macroId });
        Assert.Equal($"/support/tickets/{ticket.Number}?done=changed", Html.Location(applied));

        var reply = await QueryAsync(app, db => db.OutgoingMails.AsNoTracking().SingleAsync(m => m.AutoSubmitted == null));
        Assert.StartsWith($"Hallo Erika,\nzu #{ticket.Number}: wir erstatten den Betrag.\n{assistant.Name}\n\n-- \nIhr Support-Team", reply.TextBody, StringComparison.Ordinal);
        Assert.Equal(("<e1@mail.example>", $"[#{ticket.Number}] Zweimal abgebucht"), (reply.InReplyTo, reply.Subject));
        var after = await QueryAsync(app, db => db.Tickets.AsNoTracking().SingleAsync());
        Assert.Equal((TicketState.Solved, (Guid?)assistant.PersonId), (after.State, after.AssigneeId));
        Assert.Equal(["billing", "refund"], await QueryAsync(app, db => db.TicketTags.OrderBy(t => t.Tag).Select(t => t.Tag).ToListAsync()));
        Assert.Equal(1, await QueryAsync(app, db => db.CannedAnswers.Select(a => a.UsageCount).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Macro_WithoutAnAnswerInTheTicketsLanguage_ChangesNothing(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var de = await AnswerAsync(app, owner.PersonId, "de", "Danke", "Danke!");
        await owner.Client.SubmitAsync("/support/macros/new", "macro", new Dictionary<string, string>
        {
            ["Form.Name"] = "Danke", ["Form.AnswerDe"] = de.ToString(), ["Form.Tags"] = "done", ["Form.Assignee"] = "Me",
        });
        var member = await MemberAsync(app, owner.PersonId, "John", "john@example.org", MemberStatus.Active, language: "en");
        var ticket = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(member.Id, null), "Thanks", "Thank you"));
        var macro = await QueryAsync(app, db => db.SupportMacros.Select(m => m.Id).SingleAsync());
        var failed = await owner.Client.SubmitAsync($"/support/tickets/{ticket.Number}", "macro-apply", new Dictionary<string, string> { ["MacroId"] = macro.ToString() });
        Assert.Contains("The macro Danke has no answer in the ticket&#x27;s language.", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await QueryAsync(app, db => db.Tickets.AsNoTracking().SingleAsync());
        Assert.Equal((TicketState.New, (Guid?)null), (after.State, after.AssigneeId));
        Assert.Empty(await QueryAsync(app, db => db.TicketTags.ToListAsync()));
        Assert.Equal(0, await QueryAsync(app, db => db.OutgoingMails.CountAsync()));
    }
}

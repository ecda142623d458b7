using Microsoft.Extensions.DependencyInjection;
using RightHand.BrowserTests.Infrastructure;
using RightHand.Support;

namespace RightHand.BrowserTests;

/// <summary>The support desk with something on every page: a canned answer in the FAQ, the portal member's ticket with a reply, a mail ticket.</summary>
public sealed partial class AccessibilityFixture
{
    public long MemberTicketNumber { get; private set; }
    public Guid RuleId { get; private set; }
    public Guid MacroId { get; private set; }
    public Guid EscalationId { get; private set; }
    public const string RuleName = "Double charges first";
    public const string MacroName = "Refund promised";
    public const string EscalationSummary = "Reset link expires too early";
    public Guid AnswerId { get; private set; }
    public const string AnswerTitle = "Invoice charged twice";
    public const string TicketSubject = "My invoice came twice";

    private async Task SeedSupportAsync()
    {
        var ownerId = await DelegationSeeds.PersonIdAsync(App, Owner.Email);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RightHand.Platform.Database.AppDb>();
        var (saved, answer) = await scope.ServiceProvider.GetRequiredService<RightHand.Support.Answers.CannedAnswers>().SaveAsync(null,
            new("en", AnswerTitle, "Payments", "Hello {{member.first_name}},\nwe refund a double charge within five days.\n{{agent.name}}", true), ownerId, isOwner: true);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        AnswerId = answer!.Value;

        var member = db.Members.Where(m => m.Language == "en").OrderBy(m => m.Sequence).First();
        var desk = scope.ServiceProvider.GetRequiredService<TicketDesk>();
        var (opened, ticket) = await desk.OpenAsync(new NewTicket(TicketChannel.Portal, new TicketRequester(member.Id, null), TicketSubject,
            "Hello, the November invoice was charged twice. Could you refund one?"));
        Assert.True(opened.Succeeded, string.Join("; ", opened.Errors));
        MemberTicketNumber = ticket!.Number;
        var replied = await desk.ReplyAsync(ticket.Id, ownerId, "Hello, we are checking the bank statement and come back to you today.");
        Assert.True(replied.Succeeded, string.Join("; ", replied.Errors));
        var (byMail, mailTicket) = await desk.OpenAsync(new NewTicket(TicketChannel.Email, new TicketRequester(null, "jonas.weber@example.org", "Jonas Weber"),
            "Passwort vergessen", "Hallo, der Link zum Zurücksetzen ist abgelaufen.", "de"));
        Assert.True(byMail.Succeeded, string.Join("; ", byMail.Errors));

        // Rules, a macro, and one escalation to IT and one to the owner, for their pages and queues.
        var (rule, ruleId) = await scope.ServiceProvider.GetRequiredService<RightHand.Support.Rules.SupportRules>().SaveAsync(null, new RightHand.Support.Rules.Pages.RuleForm
        {
            Name = RuleName, Enabled = true, OnNewTickets = true, SubjectWords = "charged twice doppelt", SetPriority = nameof(TicketPriority.High), AddTag = "refund",
        });
        Assert.True(rule.Succeeded, string.Join("; ", rule.Errors));
        RuleId = ruleId!.Value;
        var (macro, macroId) = await scope.ServiceProvider.GetRequiredService<RightHand.Support.Macros.SupportMacros>().SaveAsync(null, new RightHand.Support.Macros.Pages.MacroForm
        {
            Name = MacroName, AnswerEn = AnswerId.ToString(), StateAfter = nameof(TicketState.WaitingForMember), Tags = "refund",
        });
        Assert.True(macro.Succeeded, string.Join("; ", macro.Errors));
        MacroId = macroId!.Value;
        var escalations = scope.ServiceProvider.GetRequiredService<RightHand.Support.Escalations.EscalationDesk>();
        var (toIt, escalation) = await escalations.EscalateToItAsync(mailTicket!.Id, ownerId, new RightHand.Support.Escalations.ItReport(EscalationSummary,
            "1. Ask for a reset link\n2. Open it ten minutes later", "The link works for 24 hours.", "The page says the link has expired.", null, "Firefox 133, Windows 11",
            RightHand.Support.Escalations.EscalationSeverity.High));
        Assert.True(toIt.Succeeded, string.Join("; ", toIt.Errors));
        EscalationId = escalation!.Id;
        var (personal, personalTicket) = await desk.OpenAsync(new NewTicket(TicketChannel.Portal, new TicketRequester(member.Id, null), "A word with the founder",
            "Could we talk about a partnership?"));
        Assert.True(personal.Succeeded, string.Join("; ", personal.Errors));
        var (toOwner, _) = await escalations.EscalateToOwnerAsync(personalTicket!.Id, ownerId, RightHand.Support.Escalations.OwnerReason.AppointmentRequest, "Wants to meet in person.");
        Assert.True(toOwner.Succeeded, string.Join("; ", toOwner.Errors));
    }
}

using Microsoft.Extensions.DependencyInjection;
using RightHand.BrowserTests.Infrastructure;
using RightHand.Support;

namespace RightHand.BrowserTests;

/// <summary>The support desk with something on every page: a canned answer in the FAQ, the portal member's ticket with a reply, a mail ticket.</summary>
public sealed partial class AccessibilityFixture
{
    public long MemberTicketNumber { get; private set; }
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
        var (byMail, _) = await desk.OpenAsync(new NewTicket(TicketChannel.Email, new TicketRequester(null, "jonas.weber@example.org", "Jonas Weber"),
            "Passwort vergessen", "Hallo, der Link zum Zurücksetzen ist abgelaufen.", "de"));
        Assert.True(byMail.Succeeded, string.Join("; ", byMail.Errors));
    }
}

using RightHand.Support.Answers;
using RightHand.Support.Escalations;
using RightHand.Support.Macros;
using RightHand.Support.Macros.Pages;
using RightHand.Support.Rules;
using RightHand.Support.Rules.Pages;

namespace RightHand.Support;

/// <summary>
/// The demo's desk set-up and its work in progress, made through the modules' own operations: the owner's booking link,
/// three rules (one switched off), a macro, and the tickets that wait for IT or the owner with their escalations — one
/// fixed by IT, so its suggested reply waits for the assistant.
/// </summary>
internal sealed class SupportDemoWork(IServiceProvider services, Guid assistant, List<Guid> categories, Dictionary<string, Guid> answers, bool de)
{
    public List<(Guid Ticket, SupportDemoTexts.Story Story, string Language)> ToIt { get; } = [];
    public List<(Guid Ticket, SupportDemoTexts.Story Story)> ToOwner { get; } = [];

    public async Task SetUpRulesAsync(CancellationToken ct)
    {
        (await services.GetRequiredService<OwnerBookingLink>().SetAsync("https://cal.example.org/greta-gruenderin", ct)).ThrowIfFailed();
        var rules = services.GetRequiredService<SupportRules>();
        var forms = new[]
        {
            new RuleForm
            {
                Name = de ? "Terminwünsche zur Inhaberin" : "Appointment requests to the owner", Enabled = true, OnNewTickets = true, StopAfter = true,
                SubjectWords = "Termin Gespräch Beratung appointment talk founder", AnswerDe = Id("Terminbuchung"), AnswerEn = Id("Book a conversation"), Escalate = "Owner",
            },
            new RuleForm
            {
                Name = de ? "Technische Fehler" : "Technical errors", Enabled = true, OnNewTickets = true, BodyWords = "Fehler ruckelt abbricht error freezing",
                SetCategory = Id(categories[SupportDemoTexts.Technical]), SetPriority = nameof(TicketPriority.High), AddTag = "technik",
            },
            new RuleForm
            {
                Name = de ? "Eingangsbestätigung nachts und am Wochenende" : "Receipt at night and at weekends", Enabled = false, OnNewTickets = true,
                OutsideBusinessHours = true, AnswerDe = Id("Eingangsbestätigung"),
            },
        };
        foreach (var form in forms) (await rules.SaveAsync(null, form, ct)).Result.ThrowIfFailed();
        (await services.GetRequiredService<SupportMacros>().SaveAsync(null, new MacroForm
        {
            Name = de ? "Passwort-Link geschickt" : "Password link sent", AnswerDe = Id("Passwort zurücksetzen"), AnswerEn = Id("Reset your password"),
            StateAfter = nameof(TicketState.WaitingForMember), Tags = "passwort", Assignee = MacroAssignee.Me,
        }, ct)).Result.ThrowIfFailed();
    }

    public async Task EscalateAsync(CancellationToken ct)
    {
        var desk = services.GetRequiredService<EscalationDesk>();
        for (var i = 0; i < ToIt.Count; i++)
        {
            var (ticket, story, language) = ToIt[i];
            var en = language == "en";
            var (result, escalation) = await desk.EscalateToItAsync(ticket, assistant, new ItReport(story.Subject,
                en ? "1. Sign in to the portal\n2. Open the latest webinar\n3. Start the video and wait about a minute" : "1. Im Portal anmelden\n2. Das letzte Webinar öffnen\n3. Video starten und etwa eine Minute warten",
                en ? "The video plays smoothly." : "Das Video läuft flüssig.", story.Body, null,
                i % 2 == 0 ? "Firefox 133, Windows 11" : "Safari 18, macOS 15", i % 3 == 0 ? EscalationSeverity.High : EscalationSeverity.Normal), ct: ct);
            result.ThrowIfFailed();
            if (i % 3 == 1) (await desk.SetStatusAsync(escalation!.Id, null, EscalationStatus.Confirmed, null, ct)).ThrowIfFailed();
            if (i == 0)
            {
                (await desk.SetStatusAsync(escalation!.Id, null, EscalationStatus.Fixed,
                    de ? "Der Videoplayer puffert jetzt in Firefox korrekt; Version 2.4.1 ist ausgerollt." : "The video player now buffers correctly in Firefox; version 2.4.1 is live.", ct)).ThrowIfFailed();
            }
        }
        foreach (var (ticket, story) in ToOwner)
        {
            var appointment = story.Category == SupportDemoTexts.Personal;
            var (result, _) = await desk.EscalateToOwnerAsync(ticket, assistant, appointment ? OwnerReason.AppointmentRequest : OwnerReason.Complaint,
                appointment ? (de ? "Möchte persönlich mit dir sprechen." : "Would like to talk to you in person.")
                    : (de ? "Ärgert sich über die doppelte Abbuchung; eine Geste von dir wäre gut." : "Upset about the double charge; a word from you would help."), ct);
            result.ThrowIfFailed();
        }
    }

    private string Id(string answerTitle) => Id(answers[answerTitle]);

    private static string Id(Guid id) => id.ToString("D", System.Globalization.CultureInfo.InvariantCulture);
}

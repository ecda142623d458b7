using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Delegation.Decisions;
using RightHand.Delegation.Reviews;
using RightHand.Platform.Database;
using RightHand.Platform.Demo;

namespace RightHand.Delegation;

/// <summary>
/// Six weeks of delegation with the assistant: canned answers that earned the promotion offer, task
/// results that are spot-checked and whose scores are slipping (so the quality page warns), items
/// waiting in both queues, and decisions with a history — one of them changed the evening before the event.
/// </summary>
internal sealed class DelegationDemoData(DecisionLog decisions, TimeProvider clock, IConfiguration configuration) : IDemoDataSource
{
    public int Order => 10;

    public async Task LoadAsync(AppDb db, CultureInfo culture, CancellationToken ct)
    {
        var de = culture.TwoLetterISOLanguageName == "de";
        var owner = await db.People.Where(p => p.Role == Roles.Owner).Select(p => p.Id).FirstAsync(ct);
        var maria = await db.People.Where(p => p.Role == Roles.Assistant).Select(p => p.Id).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var random = new Random(2026);

        ApprovalRequest Item(string type, string module, string title, string preview, DateTime at, ApprovalState state, bool sampled = false, long? amount = null) => new()
        {
            WorkTypeKey = type, Module = module, ItemId = Guid.CreateVersion7().ToString(), Title = title, Preview = preview,
            ContentHash = ApiToken.HashOf(preview), AmountCents = amount, PreparedBy = maria, CreatedAt = at, State = state, SampledForReview = sampled,
            DecidedBy = state is ApprovalState.Approved or ApprovalState.ChangesRequested ? owner : null,
            DecidedAt = state is ApprovalState.Approved or ApprovalState.ChangesRequested ? at.AddHours(3) : null,
            ReviewSeconds = state is ApprovalState.Approved or ApprovalState.ChangesRequested ? random.Next(40, 420) : null,
        };

        // Canned answers: one sent back five weeks ago, then ten approvals in a row → the promotion is on offer.
        var answers = de
            ? new[] { "Passwort zurücksetzen", "Rechnung erneut senden", "Kündigungsfrist", "Adressänderung", "Lastschrift geplatzt", "Zugang gesperrt", "Webinar-Aufzeichnung", "Mitgliedsausweis", "Beitragsanpassung", "Newsletter abbestellen", "Datenauskunft" }
            : new[] { "Reset your password", "Invoice sent again", "Notice period", "Change of address", "Returned direct debit", "Account locked", "Webinar recording", "Membership card", "Fee change", "Unsubscribe from the newsletter", "Data access request" };
        for (var i = 0; i < answers.Length; i++)
        {
            var at = now.AddHours(-38 * 24 + i * 82);
            var request = Item("canned-answer", "Support", answers[i], (de ? "Guten Tag,\n\n" : "Hello,\n\n") + answers[i] + " …", at, i == 0 ? ApprovalState.ChangesRequested : ApprovalState.Approved);
            if (i == 0) request.Comment = de ? "Bitte mit Anrede und Link zur Hilfeseite." : "Please add the greeting and the link to the help page.";
            db.ApprovalRequests.Add(request);
        }
        var canned = await db.WorkTypes.SingleAsync(w => w.Key == "canned-answer", ct);
        (canned.ApprovalsInARow, canned.PromotionOffered) = (10, true);

        // Task results: promoted five weeks ago; the spot checks of the last four weeks slip from 4.7 to 3.3.
        var tasks = await db.WorkTypes.SingleAsync(w => w.Key == "task-result", ct);
        tasks.Level = AutonomyLevel.SpotChecked;
        db.AutonomyChanges.Add(new AutonomyChange { WorkTypeKey = "task-result", From = AutonomyLevel.ApproveEach, To = AutonomyLevel.SpotChecked, Reason = "promotion accepted", ChangedBy = owner, At = now.AddDays(-35) });
        int[][] scores = [[5, 5, 4], [5, 4, 4], [4, 4, 4], [4, 3, 3]];
        for (var week = 0; week < scores.Length; week++)
        {
            var at = now.AddDays(-7 * (scores.Length - week) + 1);
            var title = de ? $"Mitgliederstatistik KW {ISOWeek.GetWeekOfYear(at)}" : $"Member statistics week {ISOWeek.GetWeekOfYear(at)}";
            var sampled = Item("task-result", "Tasks", title, title + (de ? ": 1.284 aktive Mitglieder, 37 Neuzugänge, 12 Kündigungen." : ": 1,284 active members, 37 joined, 12 cancelled."), at, ApprovalState.AutoApproved, sampled: true);
            db.ApprovalRequests.Add(sampled);
            var s = scores[week];
            db.SpotCheckReviews.Add(new SpotCheckReview
            {
                ApprovalRequestId = sampled.Id, ReviewedBy = owner, Correctness = s[0], Tone = s[1], Completeness = s[2], ReviewSeconds = random.Next(120, 600), At = at.AddDays(1),
                Comment = week == scores.Length - 1 ? (de ? "Die Kündigungen sind nicht nach Grund aufgeschlüsselt." : "The cancellations are not broken down by reason.") : null,
            });
        }
        db.ApprovalRequests.Add(Item("task-result", "Tasks", de ? "Liste säumiger Zahler November" : "Late payers, November",
            de ? "14 Mitglieder mit offenen Beiträgen, zusammen 1.190,00 €." : "14 members with open fees, 1,190.00 € in all.", now.AddHours(-20), ApprovalState.AutoApproved, sampled: true));

        // Waiting for the owner: a newsletter changed since its approval, and a payment file for four eyes.
        var newsletter = de ? "Liebe Mitglieder,\nunser Sommerfest ist am 5. Juli.\nBis bald!" : "Dear members,\nour summer party is on 5 July.\nSee you soon!";
        var approved = Item("newsletter", "Newsletters", de ? "Newsletter Juni" : "Newsletter June", newsletter, now.AddDays(-2), ApprovalState.Voided);
        (approved.DecidedBy, approved.DecidedAt) = (owner, now.AddDays(-2).AddHours(1));
        db.ApprovalRequests.Add(approved);
        var changed = Item("newsletter", "Newsletters", approved.Title, newsletter.Replace("5", "12", StringComparison.Ordinal), now.AddHours(-3), ApprovalState.Pending);
        changed.ItemId = approved.ItemId;
        db.ApprovalRequests.Add(changed);
        db.ApprovalRequests.Add(Item("payment-file", "Payments", de ? "Lastschriften Dezember" : "Direct debits December",
            de ? "pain.008.001.08: 42 Lastschriften, Fälligkeit 01.12.2026, Summe 1.234,56 €" : "pain.008.001.08: 42 direct debits, due 2026-12-01, total 1,234.56 €",
            now.AddHours(-1), ApprovalState.Pending, amount: 123_456));
        await db.SaveChangesAsync(ct);

        await DecisionsAsync(de, owner, maria, now, ct);
    }

    /// <summary>An agreed plan, and a webinar plan agreed and then changed the evening before (flagged red, both mailed).</summary>
    private async Task DecisionsAsync(bool de, Guid owner, Guid maria, DateTime now, CancellationToken ct)
    {
        var baseUrl = configuration["PublicUrl"] ?? Platform.Web.WebHost.DefaultUrl;
        await ProposeAgreedAsync(
            de ? "Newsletter zweimal im Monat" : "Newsletter twice a month",
            de ? "Der Newsletter erscheint am 1. und 15. jedes Monats.\nMaria schreibt, die Inhaberin gibt frei." : "The newsletter goes out on the 1st and 15th of each month.\nMaria writes, the owner approves.",
            null);
        var webinar = await ProposeAgreedAsync(
            de ? "Ablauf Webinar Mitgliederversammlung" : "Running order: members' meeting webinar",
            de ? "18:00 Begrüßung\n18:10 Bericht des Vorstands\n18:40 Fragen der Mitglieder\n19:00 Ende" : "18:00 Welcome\n18:10 Board report\n18:40 Members' questions\n19:00 End",
            now.AddHours(20));
        var changed = await decisions.ChangeAsync(webinar, de ? "Ablauf Webinar Mitgliederversammlung" : "Running order: members' meeting webinar",
            de ? "18:00 Begrüßung\n18:10 Bericht des Vorstands\n18:30 Gastvortrag Steuerberaterin\n18:50 Fragen der Mitglieder\n19:15 Ende" : "18:00 Welcome\n18:10 Board report\n18:30 Guest talk: our tax adviser\n18:50 Members' questions\n19:15 End",
            de ? "Die Steuerberaterin hat kurzfristig zugesagt." : "The tax adviser agreed to speak at short notice.", owner, baseUrl, ct);
        changed.ThrowIfFailed();

        async Task<Guid> ProposeAgreedAsync(string title, string text, DateTime? eventAt)
        {
            var (result, decision) = await decisions.ProposeAsync(new DecisionDraft(title, text, eventAt, [owner, maria]), owner, ct);
            result.ThrowIfFailed();
            foreach (var person in new[] { owner, maria })
            {
                var agreed = await decisions.AgreeAsync(decision!.Id, person, ct);
                agreed.ThrowIfFailed();
            }
            return decision!.Id;
        }
    }
}

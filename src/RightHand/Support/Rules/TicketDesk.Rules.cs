using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Mail;
using RightHand.Support.Answers;
using RightHand.Support.Rules;

namespace RightHand.Support;

internal enum RuleTrigger { NewTicket, RequesterReply }

/// <summary>
/// Support rules at work: the desk runs the switched-on rules on a ticket it opens and, for rules that ask for it, on
/// a requester's new message, inside that operation's unit of work, so the ticket, the rules' changes, their mails
/// and notes are saved together or not at all. This part of the desk lives with the rules (Support/Rules) but is a
/// part of <see cref="TicketDesk"/> because it moves tickets through the desk's own steps (state, SLA, messages).
/// </summary>
internal sealed partial class TicketDesk
{
    /// <summary>
    /// Runs the rules for <paramref name="trigger"/> on a tracked ticket; the caller saves. <paramref name="automatic"/>:
    /// the message is an auto-reply or bounce; rules still file it, but send it no answer (two responders would answer
    /// each other for ever).
    /// </summary>
    private async Task RunRulesAsync(Ticket ticket, string body, RuleTrigger trigger, bool automatic, CancellationToken ct)
    {
        var rules = await db.SupportRules.AsNoTracking().Where(r => r.Enabled && (trigger == RuleTrigger.NewTicket ? r.OnNewTickets : r.OnRequesterReplies))
            .OrderBy(r => r.Position).ThenBy(r => r.CreatedAt).ToListAsync(ct);
        if (rules.Count == 0) return;
        var requester = await RequesterFactsAsync(db, ticket.RequesterMemberId, ct);
        var levels = await PolicyAsync(ct);
        foreach (var rule in rules)
        {
            var facts = new RuleFacts(ticket.Channel, ticket.CategoryId, ticket.Subject, body, Now, requester);
            if (!RuleMatcher.Matches(rule, facts, levels.Calendar)) continue;
            var done = await ApplyRuleAsync(rule, ticket, body, automatic, levels, ct);
            var summary = l["Rule '{0}': {1}.", rule.Name, string.Join(", ", done.Count > 0 ? done : [l["nothing to change"]])].Value;
            AddMessage(ticket, TicketMessageKind.InternalNote, summary, TicketChannel.Phone, []);
            if (rule.StopAfter) break;
        }
    }

    /// <summary>The member facts rules look at, or null when the requester is no member.</summary>
    internal static async Task<RequesterFacts?> RequesterFactsAsync(Platform.Database.AppDb db, Guid? memberId, CancellationToken ct)
    {
        if (memberId is not { } id || await db.Members.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.Status, m.PlanId }).FirstOrDefaultAsync(ct) is not { } member)
            return null;
        var tags = await db.MemberTags.AsNoTracking().Where(t => t.MemberId == id).Select(t => t.Tag).ToListAsync(ct);
        return new RequesterFacts(member.Status, member.PlanId, tags.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Does what the rule says and returns it in words; a step that can no longer be done (a category archived since) is named and skipped.</summary>
    private async Task<List<string>> ApplyRuleAsync(SupportRule rule, Ticket ticket, string body, bool automatic, Sla.SlaPolicy levels, CancellationToken ct)
    {
        var done = new List<string>();
        if (rule.SetCategoryId is { } category)
        {
            // Only the names this rule needs: rules run on every incoming ticket and mail.
            if (await db.TicketCategories.Where(c => c.Id == category && !c.Archived).Select(c => c.Name).FirstOrDefaultAsync(ct) is { } categoryName)
            {
                ticket.CategoryId = category;
                Sla.TicketSla.Apply(ticket, levels);
                done.Add(l["set category {0}", categoryName]);
            }
            else done.Add(l["category not set: it is archived"]);
        }
        if (rule.SetPriority is { } priority)
        {
            ticket.Priority = priority;
            Sla.TicketSla.Apply(ticket, levels);
            done.Add(l["set priority {0}", TicketLabels.Priority(priority, l)]);
        }
        if (rule.AssignTo is { } person)
        {
            var agents = await TicketQueries.AgentsAsync(db, ct);
            if (agents.Where(a => a.Key == person).Select(a => a.Value).FirstOrDefault() is { } agent) { ticket.AssigneeId = person; done.Add(l["assign to {0}", agent]); }
            else done.Add(l["not assigned: the person no longer works in support"]);
        }
        if (rule.AddTag is { } tag)
        {
            var tagged = db.TicketTags.Local.Any(t => t.TicketId == ticket.Id && t.Tag == tag) || await db.TicketTags.AnyAsync(t => t.TicketId == ticket.Id && t.Tag == tag, ct);
            if (!tagged) db.TicketTags.Add(new TicketTag { TicketId = ticket.Id, Tag = tag });
            done.Add(l["add tag {0}", tag]);
        }
        if ((ticket.Language == "en" ? rule.AnswerEnId : rule.AnswerDeId) is { } answerId) done.Add(await SendRuleAnswerAsync(ticket, answerId, automatic, ct));
        else if ((rule.AnswerDeId ?? rule.AnswerEnId) is not null) done.Add(l["no canned answer in the ticket's language"]);
        if (rule.SetWaiting is { } waiting && ticket.State != waiting)
        {
            ChangeState(ticket, waiting, levels);
            done.Add(l["set state {0}", TicketLabels.State(waiting, l)]);
        }
        if (rule.Escalate == RuleEscalation.It) done.Add(await EscalateByRuleAsync(ticket, rule, Escalations.EscalationKind.It, body, levels, ct));
        if (rule.Escalate == RuleEscalation.Owner) done.Add(await EscalateByRuleAsync(ticket, rule, Escalations.EscalationKind.Owner, body, levels, ct));
        ticket.UpdatedAt = Now;
        return done;
    }

    /// <summary>
    /// The rule's canned answer as a public reply, mailed as an automatic answer (Auto-Submitted: auto-replied, so other
    /// responders do not answer it), threaded onto the requester's mail. Counts as the first response: the member got
    /// an answer. Not sent to an automatic message.
    /// </summary>
    private async Task<string> SendRuleAnswerAsync(Ticket ticket, Guid answerId, bool automatic, CancellationToken ct)
    {
        if (automatic) return l["no answer sent: the message is an automatic reply"];
        var answer = await db.CannedAnswers.FindAsync([answerId], ct);
        if (answer is not { IsLive: true }) return l["no answer sent: the canned answer is no longer in use"];
        // Nobody in particular answers: the business signs, as in {{agent.name}}.
        var business = (await new RightHand.Portal.PortalSettings(db, clock, l).LookAsync(ct)).BusinessName;
        var text = CannedAnswers.Use(answer, await TicketAnswerValues.ForAsync(db, ticket, business, business, ct))!;
        var thread = db.TicketMessages.Local.Where(m => m.TicketId == ticket.Id && m.MailMessageId != null).Select(m => m.MailMessageId!)
            .Concat(await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticket.Id && m.MailMessageId != null).OrderBy(m => m.CreatedAt)
                .Select(m => m.MailMessageId!).ToListAsync(ct)).Distinct().ToList();
        var latest = db.TicketMessages.Local.LastOrDefault(m => m.TicketId == ticket.Id && m.Kind == TicketMessageKind.FromRequester)?.MailMessageId ?? thread.LastOrDefault();
        var mailText = Cultures.In(ticket.Language, () => text + "\n\n" + l["Please reply to this e-mail and keep {0} in the subject.", ticket.Reference]);
        var mail = await mailer.QueueAutoReplyAsync(db, ticket.RequesterMemberId, ticket.RequesterEmail, ticket.RequesterName,
            $"[{ticket.Reference}] {ticket.Subject}", mailText, new MailThread(latest, References(thread)), ct);
        AddMessage(ticket, TicketMessageKind.Reply, text, TicketChannel.Email, []).MailMessageId = mail.MessageId;
        ticket.FirstRespondedAt ??= Now;
        return l["send the canned answer {0}", answer.LiveTitle ?? answer.Title];
    }

    /// <summary>Files the escalation in the IT or owner's queue (see <see cref="Escalations.RuleEscalations"/>) and lets the ticket wait for them.</summary>
    private async Task<string> EscalateByRuleAsync(Ticket ticket, SupportRule rule, Escalations.EscalationKind kind, string body, Sla.SlaPolicy levels,
        CancellationToken ct)
    {
        var done = await Escalations.RuleEscalations.FileAsync(db, ticket, kind, rule.Name, body, Now, l, ct);
        var waiting = kind == Escalations.EscalationKind.It ? TicketState.WaitingForIt : TicketState.WaitingForOwner;
        if (ticket.State != waiting) ChangeState(ticket, waiting, levels);
        return done;
    }
}

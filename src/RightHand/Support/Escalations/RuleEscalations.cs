using Microsoft.Extensions.Localization;
using RightHand.Platform.Database;

namespace RightHand.Support.Escalations;

/// <summary>
/// Escalations a support rule files on its own (Support/Rules): into the IT or the owner's queue like an agent's, but
/// with what a rule knows — the subject as the summary, the member's message as the actual result, and every field a
/// person would have filled in marked as not known yet, so IT asks back instead of guessing. Nobody escalated it: when
/// IT is done, the ticket goes back to whoever had it then.
/// </summary>
internal static class RuleEscalations
{
    /// <summary>Adds the escalation to the unit of work (the desk saves), or says why not: a ticket has one open escalation at a time.</summary>
    public static async Task<string> FileAsync(AppDb db, Ticket ticket, EscalationKind kind, string ruleName, string body, DateTime now, IStringLocalizer l,
        CancellationToken ct)
    {
        if (await Escalation.OpenForAsync(db, ticket.Id, ct)) return l["not escalated again: the ticket has an open escalation"];
        var unknown = l["Not known yet: filed by rule '{0}'.", ruleName].Value;
        var escalation = new Escalation
        {
            TicketId = ticket.Id, Kind = kind, CreatedBy = ticket.AssigneeId ?? Guid.Empty, CreatedAt = now, UpdatedAt = now, Severity = EscalationSeverity.Normal,
        };
        if (kind == EscalationKind.It)
        {
            escalation.Status = EscalationStatus.New;
            escalation.Summary = ticket.Subject.Length <= Escalation.ShortTextMaxLength ? ticket.Subject : ticket.Subject[..Escalation.ShortTextMaxLength];
            (escalation.StepsToReproduce, escalation.Expected, escalation.Environment) = (unknown, unknown, l["not known (filed by a rule)"]);
            escalation.Actual = body.Length <= Escalation.TextMaxLength ? body : body[..Escalation.TextMaxLength];
            escalation.AffectedMemberId = ticket.RequesterMemberId;
        }
        else (escalation.Status, escalation.Reason, escalation.ReasonNote) = (EscalationStatus.Open, OwnerReason.Other, unknown);
        db.Escalations.Add(escalation);
        var step = new EscalationEvent { EscalationId = escalation.Id, Kind = EscalationEventKind.Escalated, Text = l["Rule '{0}'", ruleName], At = now };
        db.EscalationEvents.Add(step);
        // IT's tracker hears of it like of an agent's escalation, in the same unit of work.
        await EscalationTracker.QueueAsync(db, escalation, step, now, ct);
        return kind == EscalationKind.It ? l["hand to IT"] : l["hand to the owner"];
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Platform.Database;

namespace RightHand.Support.Escalations;

/// <summary>
/// The reply an agent is offered when IT has answered an escalation: in the ticket's language, addressed to the
/// requester, built from the summary and IT's note. Offered until someone replies to the member after IT's answer; the
/// agent reads, edits and sends it themselves.
/// </summary>
internal sealed class SuggestedReplies(AppDb db, IStringLocalizer<Texts> l)
{
    public async Task<string?> ForTicketAsync(Guid ticketId, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstAsync(t => t.Id == ticketId, ct);
        return await ForTicketAsync(ticket, await db.Escalations.AsNoTracking().Where(e => e.TicketId == ticketId).ToListAsync(ct), ct);
    }

    /// <summary>The same for a ticket whose escalations the caller has read already (all of them).</summary>
    public async Task<string?> ForTicketAsync(Ticket ticket, IReadOnlyList<Escalation> escalations, CancellationToken ct = default)
    {
        var escalation = escalations.Where(e => e.Kind == EscalationKind.It && e.Status is EscalationStatus.Fixed or EscalationStatus.WontFix).MaxBy(e => e.ResolvedAt);
        if (escalation?.ResolvedAt is not { } resolved) return null;
        if (await db.TicketMessages.AnyAsync(m => m.TicketId == ticket.Id && m.Kind == TicketMessageKind.Reply && m.CreatedAt >= resolved, ct)) return null;
        var name = ticket.RequesterMemberId is { } member
            ? await db.Members.AsNoTracking().Where(m => m.Id == member).Select(m => m.FirstName ?? m.LastName).FirstOrDefaultAsync(ct)
            : ticket.RequesterName;
        return Cultures.In(ticket.Language, () =>
        {
            var greeting = name is null ? l["Hello,"].Value : l["Hello {0},", name].Value;
            var body = escalation.Status == EscalationStatus.Fixed
                ? l["the problem you reported ({0}) has been fixed.", escalation.Summary!].Value
                : l["thank you for reporting the problem ({0}). Our technical team has looked into it and will not change it for now.", escalation.Summary!].Value;
            var close = escalation.Status == EscalationStatus.Fixed
                ? l["If it happens again, please reply to this message."].Value
                : l["If it gets in your way, please reply to this message and we will look for another way."].Value;
            return $"{greeting}\n\n{body}\n\n{escalation.Resolution}\n\n{close}";
        });
    }
}

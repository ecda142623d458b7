using Microsoft.EntityFrameworkCore;
using RightHand.Members;
using RightHand.Members.Privacy;
using RightHand.Platform.Database;

namespace RightHand.Support.Escalations;

/// <summary>
/// An erased member's escalations (about their tickets, or naming them as the affected member) stay with kind, status,
/// severity and times, but every text is blanked: reports, questions and answers quote the member.
/// </summary>
internal sealed class EscalationErasure(AppDb db) : IMemberErasureStep
{
    public async Task EraseAsync(Member member, CancellationToken ct)
    {
        var tickets = db.Tickets.Where(t => t.RequesterMemberId == member.Id).Select(t => t.Id);
        var escalations = await db.Escalations.Where(e => e.AffectedMemberId == member.Id || tickets.Contains(e.TicketId)).ToListAsync(ct);
        if (escalations.Count == 0) return;
        foreach (var e in escalations)
        {
            (e.Summary, e.StepsToReproduce, e.Expected, e.Actual) = (e.Summary is null ? null : TicketErasure.Erased, null, null, null);
            (e.ReasonNote, e.Question, e.Resolution, e.Environment) = (null, null, null, null);
        }
        var ids = escalations.Select(e => e.Id).ToList();
        foreach (var step in await db.EscalationEvents.Where(v => ids.Contains(v.EscalationId) && v.Text != null).ToListAsync(ct)) step.Text = null;
    }
}

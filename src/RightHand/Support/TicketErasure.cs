using Microsoft.EntityFrameworkCore;
using RightHand.Members;
using RightHand.Members.Privacy;
using RightHand.Platform.Database;

namespace RightHand.Support;

/// <summary>
/// An erased member's tickets stay (numbers, states and times count in the statistics), but nothing personal does:
/// subject, address, name, rating comment and every message of the conversation — staff replies quote the member too —
/// are blanked, and the attachments are unlinked. Content in the attachment store is shared by hash and left there.
/// </summary>
internal sealed class TicketErasure(AppDb db) : IMemberErasureStep
{
    public const string Erased = "(erased)";

    public async Task EraseAsync(Member member, CancellationToken ct)
    {
        var tickets = await db.Tickets.Where(t => t.RequesterMemberId == member.Id).ToListAsync(ct);
        if (tickets.Count == 0) return;
        foreach (var ticket in tickets)
        {
            (ticket.Subject, ticket.RequesterName, ticket.RatingComment) = (Erased, MemberErasure.PseudonymPrefix + member.Number, null);
            (ticket.RequesterEmail, ticket.RequesterEmailKey) = ("", "erased:" + member.Number.ToLowerInvariant());
        }
        var ids = tickets.Select(t => t.Id).ToList();
        // A message merged into another requester's ticket (Support/Links) still names this member as its requester.
        var messages = await db.TicketMessages.Where(m => ids.Contains(m.TicketId) || m.RequesterMemberId == member.Id).ToListAsync(ct);
        foreach (var message in messages) (message.Body, message.FromAddress, message.FromName) = (Erased, null, null);
        var messageIds = messages.Select(m => m.Id).ToList();
        db.TicketAttachments.RemoveRange(await db.TicketAttachments.Where(a => messageIds.Contains(a.MessageId)).ToListAsync(ct));
    }
}

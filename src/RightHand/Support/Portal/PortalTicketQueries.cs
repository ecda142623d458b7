using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Platform.Database;

namespace RightHand.Support.Portal;

/// <summary>A ticket as the member's list shows it.</summary>
internal sealed record PortalTicketRow(long Number, string Subject, TicketState State, DateTime LastActivityAt)
{
    public string Reference => "#" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// What the portal reads of tickets. Every query starts from the signed-in member's id (from the portal cookie), so a
/// ticket number or attachment id of another member finds nothing; internal notes and their files never leave here.
/// </summary>
internal static class PortalTicketQueries
{
    public const int PageSize = 20;

    /// <summary>The member's tickets, newest first, one page, and how many there are in all.</summary>
    public static async Task<(List<PortalTicketRow> Rows, int Total)> PageAsync(AppDb db, Guid memberId, int page, CancellationToken ct = default)
    {
        var own = db.Tickets.AsNoTracking().Where(t => t.RequesterMemberId == memberId);
        var rows = await own.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Number).Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize)
            .Select(t => new PortalTicketRow(t.Number, t.Subject, t.State, t.LastActivityAt)).ToListAsync(ct);
        return (rows, await own.CountAsync(ct));
    }

    /// <summary>The member's own ticket by its number, or null (also for another member's number).</summary>
    public static Task<Ticket?> OwnAsync(AppDb db, Guid memberId, long number, CancellationToken ct = default) =>
        db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == number && t.RequesterMemberId == memberId, ct);

    /// <summary>The conversation as the member sees it: their messages and staff's public replies, never an internal note.</summary>
    public static Task<List<TicketMessage>> ConversationAsync(AppDb db, Guid ticketId, CancellationToken ct = default) =>
        db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticketId && m.Kind != TicketMessageKind.InternalNote).OrderBy(m => m.CreatedAt).ForDisplay().ToListAsync(ct);

    /// <summary>An attachment of a public message on one of the member's tickets, or null.</summary>
    public static Task<TicketAttachment?> AttachmentAsync(AppDb db, Guid memberId, Guid attachmentId, CancellationToken ct = default) =>
        (from a in db.TicketAttachments.AsNoTracking()
         join m in db.TicketMessages on a.MessageId equals m.Id
         join t in db.Tickets on m.TicketId equals t.Id
         where a.Id == attachmentId && m.Kind != TicketMessageKind.InternalNote && t.RequesterMemberId == memberId
         select a).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The state in the member's words: whatever staff, IT or the owner are doing is "we are working on it"; the internal
    /// queues are nobody's business outside.
    /// </summary>
    public static string State(TicketState state, IStringLocalizer l) => state switch
    {
        TicketState.WaitingForMember => l["Waiting for your answer"],
        TicketState.Solved => l["Solved"],
        TicketState.Closed => l["Closed"],
        _ => l["We are working on it"],
    };

    public static string? StateClass(TicketState state) => state switch
    {
        TicketState.Solved or TicketState.Closed => "ok",
        TicketState.WaitingForMember => "portal-waiting",
        _ => null,
    };
}

using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Support.Presence;

/// <summary>
/// The warning before a reply crosses another: the ticket page's form carries how many messages by others (requester
/// messages and other staff's replies) the thread had when the page read it (TicketFacts.FromOthers, counted the same way
/// as <see cref="Counts"/> in the page's first statement); when there are more at send time, somebody answered meanwhile and the
/// page shows who instead of sending. A count rather than the last message's time: messages written in the same instant
/// cannot be told apart by time.
/// </summary>
internal static class ReplyCollision
{

    /// <summary>The name of whoever wrote the newest message the page did not show, or null when nothing came in meanwhile (or the page sent no count).</summary>
    public static async Task<string?> MeanwhileAsync(AppDb db, Guid ticketId, int? seen, Guid? me, CancellationToken ct = default)
    {
        if (seen is null) return null;
        var messages = await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticketId && m.Kind != TicketMessageKind.InternalNote)
            .OrderBy(m => m.CreatedAt).Select(m => new { m.Kind, m.AuthorPersonId, m.FromName, m.FromAddress }).ToListAsync(ct);
        var others = messages.Where(m => Counts(m.Kind, m.AuthorPersonId, me)).ToList();
        if (others.Count <= seen) return null;
        var newest = others[^1];
        if (newest.Kind == TicketMessageKind.FromRequester) return newest.FromName ?? newest.FromAddress ?? "—";
        return newest.AuthorPersonId is { } by ? (await db.People.NamesAsync([by], ct)).GetValueOrDefault(by, "—") : "—";
    }

    private static bool Counts(TicketMessageKind kind, Guid? author, Guid? me) =>
        kind == TicketMessageKind.FromRequester || (kind == TicketMessageKind.Reply && author != me);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Support.Links;

/// <summary>A ticket's relatives as its page shows them: where it was merged to, what was merged into it, its parent and children.</summary>
internal sealed record TicketRelatives(TicketRow? MergedInto, IReadOnlyList<TicketRow> MergedHere, TicketRow? Parent, IReadOnlyList<TicketRow> Children);

/// <summary>
/// Parent and child tickets: one problem reported by many (the parent) and the requests that belong to it (children).
/// A ticket has at most one parent, and no ticket is its own ancestor.
/// </summary>
internal sealed class TicketFamily(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l)
{
    /// <summary>Families are shallow in practice; the walk up stops here, and a deeper family is refused rather than walked for ever.</summary>
    public const int MaxDepth = 50;

    /// <summary>Makes the ticket numbered <paramref name="parentNumber"/> this ticket's parent; an empty number removes the parent.</summary>
    public async Task<OperationResult> SetParentAsync(Guid ticketId, string? parentNumber, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is null) return OperationResult.Fail(l["This ticket does not exist."]);
        Guid? parentId = null;
        if (!string.IsNullOrWhiteSpace(parentNumber))
        {
            if (TicketNumbers.Parse(parentNumber) is not { } number) return OperationResult.Fail(l["Parent: enter a ticket number, such as #10234."]);
            var parent = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == number, ct);
            if (parent is null) return OperationResult.Fail(l["Parent: no ticket has the number {0}.", TicketNumbers.Reference(number)]);
            if (parent.Id == ticket.Id) return OperationResult.Fail(l["Parent: a ticket cannot be its own parent."]);
            if (parent.MergedIntoId is not null) return OperationResult.Fail(l["Parent: {0} is merged; choose the ticket it was merged into.", parent.Reference]);
            // Walk up from the new parent: meeting this ticket means the parent is one of its descendants, and the link would close a circle.
            var ancestor = parent.ParentId;
            for (var depth = 0; ancestor is { } up; depth++)
            {
                if (up == ticket.Id || depth >= MaxDepth)
                    return OperationResult.Fail(l["Parent: {0} is a child of this ticket (or further down); a ticket cannot be its own ancestor.", parent.Reference]);
                ancestor = await db.Tickets.AsNoTracking().Where(t => t.Id == up).Select(t => t.ParentId).FirstOrDefaultAsync(ct);
            }
            parentId = parent.Id;
        }
        if (ticket.ParentId == parentId) return OperationResult.Fail(l["Parent: the ticket already has this parent."]);
        (ticket.ParentId, ticket.UpdatedAt) = (parentId, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>The ticket's relatives; <paramref name="hasNear"/> false (the caller knows none was merged into it or is its child) skips looking.</summary>
    public async Task<TicketRelatives> RelativesAsync(Ticket ticket, bool hasNear = true, CancellationToken ct = default)
    {
        var mergedInto = ticket.MergedIntoId is { } m ? await db.Tickets.AsNoTracking().Where(t => t.Id == m).Rows().FirstOrDefaultAsync(ct) : null;
        var parent = ticket.ParentId is { } p ? await db.Tickets.AsNoTracking().Where(t => t.Id == p).Rows().FirstOrDefaultAsync(ct) : null;
        // Both lists in one statement: each condition has its partial index (migration 0031), and most tickets have neither.
        if (!hasNear) return new TicketRelatives(mergedInto, [], parent, []);
        var near = await db.Tickets.AsNoTracking().Where(t => t.MergedIntoId == ticket.Id || t.ParentId == ticket.Id).OrderBy(t => t.Number)
            .Select(t => new { t.MergedIntoId, t.ParentId, Row = new TicketRow(t.Id, t.Number, t.Subject, t.RequesterName, t.RequesterEmail, t.State, t.Priority, t.CategoryId, t.AssigneeId, t.LastActivityAt) })
            .ToListAsync(ct);
        var mergedHere = near.Where(t => t.MergedIntoId == ticket.Id).Select(t => t.Row).ToList();
        var children = near.Where(t => t.ParentId == ticket.Id).Select(t => t.Row).ToList();
        return new TicketRelatives(mergedInto, mergedHere, parent, children);
    }
}

using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Support;

/// <summary>A ticket as a list shows it.</summary>
internal sealed record TicketRow(Guid Id, long Number, string Subject, string? RequesterName, string RequesterEmail, TicketState State,
    TicketPriority Priority, Guid? CategoryId, Guid? AssigneeId, DateTime LastActivityAt)
{
    public string Reference => "#" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Read projections the support pages share.</summary>
internal static class TicketQueries
{
    public static IQueryable<TicketRow> Rows(this IQueryable<Ticket> tickets) => tickets.Select(t =>
        new TicketRow(t.Id, t.Number, t.Subject, t.RequesterName, t.RequesterEmail, t.State, t.Priority, t.CategoryId, t.AssigneeId, t.LastActivityAt));

    /// <summary>The people a ticket can be given to: active, in a role that works in support; by name.</summary>
    public static async Task<List<KeyValuePair<Guid, string>>> AgentsAsync(AppDb db, CancellationToken ct = default)
    {
        var people = await db.People.AsNoTracking().Where(p => p.RevokedAt == null).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name, p.Role }).ToListAsync(ct);
        return people.Where(p => Permissions.RoleHas(p.Role, Permissions.SupportWork)).Select(p => KeyValuePair.Create(p.Id, p.Name)).ToList();
    }

    /// <summary>A member's tickets, newest first, for the member page.</summary>
    public static Task<List<TicketRow>> OfMemberAsync(AppDb db, Guid memberId, int take, CancellationToken ct = default) =>
        db.Tickets.AsNoTracking().Where(t => t.RequesterMemberId == memberId).OrderByDescending(t => t.CreatedAt).Take(take).Rows().ToListAsync(ct);
}

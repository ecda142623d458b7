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

    /// <summary>
    /// Messages as pages and the API show them: every column but PostgreSQL's tsvector, which the model maps for the schema
    /// check and only searches use. Loading it carried each message's stemmed words along (a 400-message thread: the page's
    /// largest cost after rendering). A property added to <see cref="TicketMessage"/> belongs here too.
    /// </summary>
    public static IQueryable<TicketMessage> ForDisplay(this IQueryable<TicketMessage> messages) => messages.Select(m => new TicketMessage
    {
        Id = m.Id, TicketId = m.TicketId, Kind = m.Kind, AuthorPersonId = m.AuthorPersonId, AuthorMemberId = m.AuthorMemberId,
        RequesterMemberId = m.RequesterMemberId, FromAddress = m.FromAddress, FromName = m.FromName, Body = m.Body, CreatedAt = m.CreatedAt,
        MailMessageId = m.MailMessageId, Channel = m.Channel,
    });

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

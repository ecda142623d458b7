using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Members.Api;
using RightHand.Platform.Database;

namespace RightHand.Support.Api;

/// <summary>
/// What the ticket list of the API can be narrowed to. <see cref="Unassigned"/> asks for tickets without an assignee;
/// <see cref="Search"/> is the search box's text (a number, or words in the subject or any message).
/// </summary>
internal sealed record TicketApiFilter(TicketState? State, TicketPriority? Priority, Guid? CategoryId, Guid? AssigneeId, bool Unassigned, string? Tag,
    DateTime? UpdatedSince, string? Search);

/// <summary>Reads tickets for the API in the shape of <see cref="TicketItem"/> and <see cref="TicketDetail"/>.</summary>
internal sealed class TicketSync(AppDb db, Search.SearchRarity rarity)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>
    /// Tickets matching the filter, oldest change first, after the cursor (the members API's cursor: a change time and an id,
    /// served by the index on (updated_at, id)). Every state is listed unless one is asked for; merged tickets too.
    /// </summary>
    public async Task<TicketPage> PageAsync(TicketApiFilter filter, MemberCursor? after, int limit, CancellationToken ct = default)
    {
        var query = db.Tickets.AsNoTracking();
        if (filter.State is { } state) query = query.Where(t => t.State == state);
        if (filter.Priority is { } priority) query = query.Where(t => t.Priority == priority);
        if (filter.CategoryId is { } category) query = query.Where(t => t.CategoryId == category);
        if (filter.AssigneeId is { } assignee) query = query.Where(t => t.AssigneeId == assignee);
        if (filter.Unassigned) query = query.Where(t => t.AssigneeId == null);
        if (filter.Tag is { } tag) query = query.Where(t => db.TicketTags.Any(x => x.TicketId == t.Id && x.Tag == tag));
        if (filter.UpdatedSince is { } since) query = query.Where(t => t.UpdatedAt >= since);
        if (filter.Search is { } search) query = Search.TicketSearch.Apply(db, query, search, await rarity.IsRareAsync(db, search, ct));
        if (after is { } c) query = query.Where(t => t.UpdatedAt > c.UpdatedAt || (t.UpdatedAt == c.UpdatedAt && t.Id.CompareTo(c.Id) > 0));
        var tickets = await query.OrderBy(t => t.UpdatedAt).ThenBy(t => t.Id).Take(limit + 1).ToListAsync(ct);
        var more = tickets.Count > limit;
        if (more) tickets.RemoveAt(limit);
        var items = await ItemsAsync(tickets, ct);
        return new TicketPage(items, more ? new MemberCursor(tickets[^1].UpdatedAt, tickets[^1].Id).Encode() : null);
    }

    /// <summary>The ticket with every message (internal notes too, marked as such) and its attachments' metadata; null if no ticket has the number.</summary>
    public async Task<TicketDetail?> FindAsync(long number, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == number, ct);
        if (ticket is null) return null;
        var messages = await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticket.Id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ForDisplay().ToListAsync(ct);
        var messageIds = messages.Select(m => m.Id).ToList();
        var files = (await db.TicketAttachments.AsNoTracking().Where(a => messageIds.Contains(a.MessageId)).OrderBy(a => a.FileName).ToListAsync(ct))
            .ToLookup(a => a.MessageId);
        var authorIds = messages.Where(m => m.AuthorPersonId is not null).Select(m => m.AuthorPersonId!.Value).Distinct().ToList();
        var authors = await db.People.NamesAsync(authorIds, ct);
        var items = messages.Select(m => new MessageItem(m.Id, KindName(m.Kind), m.Body, Name(m.Channel), m.CreatedAt,
            m.AuthorPersonId is { } person ? authors.GetValueOrDefault(person) : m.FromName, m.FromAddress,
            files[m.Id].Select(a => new AttachmentItem(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256)).ToList())).ToList();
        var related = new[] { ticket.MergedIntoId, ticket.ParentId }.OfType<Guid>().ToList();
        var numbers = await db.Tickets.AsNoTracking().Where(t => related.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Number, ct);
        return new TicketDetail((await ItemsAsync([ticket], ct))[0], items, ticket.MergedIntoId is { } into ? numbers.GetValueOrDefault(into) : null,
            ticket.ParentId is { } parent ? numbers.GetValueOrDefault(parent) : null);
    }

    /// <summary>The tickets with category, assignee, requester's member number and tags, in the order given; four queries for the whole list.</summary>
    public async Task<List<TicketItem>> ItemsAsync(IReadOnlyList<Ticket> tickets, CancellationToken ct = default)
    {
        var ids = tickets.Select(t => t.Id).ToList();
        var categories = await db.TicketCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var assigneeIds = tickets.Where(t => t.AssigneeId is not null).Select(t => t.AssigneeId!.Value).Distinct().ToList();
        var people = await db.People.NamesAsync(assigneeIds, ct);
        var memberIds = tickets.Where(t => t.RequesterMemberId is not null).Select(t => t.RequesterMemberId!.Value).Distinct().ToList();
        var numbers = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Number, ct);
        var tags = (await db.TicketTags.AsNoTracking().Where(t => ids.Contains(t.TicketId)).ToListAsync(ct)).ToLookup(t => t.TicketId, t => t.Tag);
        return tickets.Select(t => new TicketItem(t.Number, t.Subject, Name(t.State), Name(t.Priority), Name(t.Channel), t.Language,
            new RequesterItem(t.RequesterEmail, t.RequesterName, t.RequesterMemberId is { } member ? numbers.GetValueOrDefault(member) : null),
            t.CategoryId is { } category ? categories.GetValueOrDefault(category) : null, t.AssigneeId,
            t.AssigneeId is { } assignee ? people.GetValueOrDefault(assignee) : null, tags[t.Id].Order(StringComparer.Ordinal).ToList(),
            t.CreatedAt, t.UpdatedAt, t.LastActivityAt, t.FirstResponseDueAt, t.ResolutionDueAt, t.FirstRespondedAt, t.SolvedAt, t.ClosedAt, t.Rating)).ToList();
    }

    /// <summary>An enum value as the API writes it: camelCase, as JSON properties are (<c>waitingForIt</c>).</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>A value by its API name, in any case; numbers are not names.</summary>
    public static T? Parse<T>(string text) where T : struct, Enum =>
        Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !text.Trim().All(char.IsAsciiDigit) ? value : null;

    public static string KindName(TicketMessageKind kind) => kind switch
    {
        TicketMessageKind.Reply => "reply",
        TicketMessageKind.InternalNote => "note",
        _ => "requester",
    };
}

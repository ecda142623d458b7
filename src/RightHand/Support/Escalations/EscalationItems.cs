using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Members.Api;
using RightHand.Platform.Database;
using RightHand.Support.Api;

namespace RightHand.Support.Escalations;

/// <summary>The affected member as IT sees them: number and name, nothing else of the register.</summary>
internal sealed record AffectedMemberItem(string Number, string Name);

/// <summary>One step of the history: who (a person's name, or null for a token of no person), what, when.</summary>
internal sealed record EscalationEventItem(string Kind, string? By, string? Text, DateTime At);

/// <summary>
/// An escalation to IT as the API and the webhook show it. Status and severity are camelCase names (<c>needsInformation</c>,
/// <c>wontFix</c>); the ticket by its number only: IT gets the report, not the member's conversation.
/// </summary>
internal sealed record EscalationItem(Guid Id, long TicketNumber, string Status, string Severity, string Summary, string StepsToReproduce, string Expected,
    string Actual, string Environment, AffectedMemberItem? AffectedMember, string? Question, string? Resolution, string? ExternalReference, string? EscalatedBy,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? ResolvedAt, IReadOnlyList<EscalationEventItem> History);

/// <summary>One page of escalations in (updatedAt, id) order; pass <see cref="NextCursor"/> back for the next, null when this was the last.</summary>
internal sealed record EscalationPage(IReadOnlyList<EscalationItem> Items, string? NextCursor);

/// <summary>A status update from IT's tracker: any of the three may be left out, but not all.</summary>
internal sealed record EscalationUpdate(string? Status, string? Note, string? ExternalReference);

/// <summary>Reads IT escalations in the API's shape, for the API and the webhook.</summary>
internal sealed class EscalationItems(AppDb db)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public async Task<EscalationItem?> FindAsync(Guid id, CancellationToken ct = default) =>
        (await ItemsAsync(db.Escalations.AsNoTracking().Where(e => e.Id == id && e.Kind == EscalationKind.It), ct)).FirstOrDefault();

    public async Task<EscalationPage> PageAsync(EscalationStatus? status, MemberCursor? after, int limit, CancellationToken ct = default)
    {
        var query = db.Escalations.AsNoTracking().Where(e => e.Kind == EscalationKind.It);
        if (status is { } s) query = query.Where(e => e.Status == s);
        if (after is { } c) query = query.Where(e => e.UpdatedAt > c.UpdatedAt || (e.UpdatedAt == c.UpdatedAt && e.Id.CompareTo(c.Id) > 0));
        var items = await ItemsAsync(query.OrderBy(e => e.UpdatedAt).ThenBy(e => e.Id).Take(limit + 1), ct);
        var next = items.Count > limit ? new MemberCursor(items[limit - 1].UpdatedAt, items[limit - 1].Id).Encode() : null;
        return new EscalationPage(items.Take(limit).ToList(), next);
    }

    private async Task<List<EscalationItem>> ItemsAsync(IQueryable<Escalation> query, CancellationToken ct)
    {
        var rows = await query.Join(db.Tickets, e => e.TicketId, t => t.Id, (e, t) => new { Escalation = e, t.Number })
            .OrderBy(r => r.Escalation.UpdatedAt).ThenBy(r => r.Escalation.Id).ToListAsync(ct);
        var ids = rows.Select(r => r.Escalation.Id).ToList();
        var events = await db.EscalationEvents.AsNoTracking().Where(v => ids.Contains(v.EscalationId)).OrderBy(v => v.At).ThenBy(v => v.Id).ToListAsync(ct);
        var memberIds = rows.Where(r => r.Escalation.AffectedMemberId is not null).Select(r => r.Escalation.AffectedMemberId!.Value).Distinct().ToList();
        var members = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Number, m.FirstName, m.LastName }).ToDictionaryAsync(m => m.Id, ct);
        var people = await db.People.NamesAsync(rows.Select(r => r.Escalation.CreatedBy).Concat(events.Where(v => v.ByPersonId is not null).Select(v => v.ByPersonId!.Value)), ct);
        return rows.Select(r =>
        {
            var e = r.Escalation;
            var member = e.AffectedMemberId is { } m && members.TryGetValue(m, out var found)
                ? new AffectedMemberItem(found.Number, string.Join(' ', new[] { found.FirstName, found.LastName }.Where(n => n is not null))) : null;
            var history = events.Where(v => v.EscalationId == e.Id)
                .Select(v => new EscalationEventItem(TicketSync.Name(v.Kind), v.ByPersonId is { } p ? people.GetValueOrDefault(p) : null, v.Text, v.At)).ToList();
            return new EscalationItem(e.Id, r.Number, TicketSync.Name(e.Status), TicketSync.Name(e.Severity), e.Summary ?? "", e.StepsToReproduce ?? "", e.Expected ?? "",
                e.Actual ?? "", e.Environment ?? "", member, e.Question, e.Resolution, e.ExternalReference, people.GetValueOrDefault(e.CreatedBy), e.CreatedAt, e.UpdatedAt,
                e.ResolvedAt, history);
        }).ToList();
    }
}

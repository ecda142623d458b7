using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Support.Sla;

namespace RightHand.Support.Links;

/// <summary>
/// Splits a second request off a ticket: a new ticket for the same requester (language, category and priority too) takes
/// the chosen message, and optionally every later one, with their attachments; a note on each ticket names the other.
/// </summary>
internal sealed class TicketSplit(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l, SlaSettings sla, TicketDesk desk)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Returns the new ticket's number. An empty <paramref name="subject"/> means "the original subject (split)".</summary>
    public async Task<(OperationResult Result, long? Number)> SplitAsync(Guid ticketId, Guid messageId, bool withLaterMessages, string? subject, Guid by,
        CancellationToken ct = default)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is null) return (OperationResult.Fail(l["This ticket does not exist."]), null);
        if (ticket.MergedIntoId is not null) return (OperationResult.Fail(l["Split: this ticket is merged; split its survivor instead."]), null);
        var conversation = await db.TicketMessages.Where(m => m.TicketId == ticketId).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
        var at = conversation.FindIndex(m => m.Id == messageId);
        if (at < 0) return (OperationResult.Fail(l["Split: choose a message of this ticket."]), null);
        var moving = withLaterMessages ? conversation[at..] : [conversation[at]];
        if (moving.Count == conversation.Count) return (OperationResult.Fail(l["Split: at least one message must stay on this ticket."]), null);
        var title = string.Join(' ', (subject ?? "").Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();
        if (title.Length == 0) title = l["{0} (split)", ticket.Subject];
        if (title.Length > Ticket.SubjectMaxLength) return (OperationResult.Fail(l["Subject: enter a subject of at most {0} characters.", Ticket.SubjectMaxLength]), null);
        var policy = await sla.PolicyAsync(ct);

        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        var split = new Ticket
        {
            Number = await desk.NextNumberAsync(ct), Subject = title, RequesterMemberId = ticket.RequesterMemberId, RequesterEmail = ticket.RequesterEmail,
            RequesterEmailKey = ticket.RequesterEmailKey, RequesterName = ticket.RequesterName, Channel = ticket.Channel, State = TicketState.Open,
            Priority = ticket.Priority, CategoryId = ticket.CategoryId, Language = ticket.Language, CreatedAt = Now, UpdatedAt = Now,
            LastActivityAt = moving.Where(m => m.Kind != TicketMessageKind.InternalNote).Select(m => (DateTime?)m.CreatedAt).Max() ?? Now,
            FirstRespondedAt = moving.Where(m => m.Kind == TicketMessageKind.Reply).Select(m => (DateTime?)m.CreatedAt).Min(),
        };
        TicketSla.Apply(split, policy);
        db.Tickets.Add(split);
        foreach (var message in moving) message.TicketId = split.Id;
        TicketNotes.Add(db, ticket, by, l["Split off into {0}: {1}", split.Reference, split.Subject], Now);
        TicketNotes.Add(db, split, by, l["Split off from {0}: {1}", ticket.Reference, ticket.Subject], Now);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return (OperationResult.Ok, split.Number);
    }
}

using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Support.Sla;

namespace RightHand.Support;

/// <summary>Triage: who works on a ticket, its state, priority, category and tags; the list's bulk actions; saved views and signatures.</summary>
internal sealed partial class TicketDesk
{
    public const int MaxBulk = 500;
    private const string SignatureSettingPrefix = "support.signature.";
    private const int SignatureMaxLength = 1000;

    /// <summary>Gives the ticket to a person who works in support, or to nobody (null).</summary>
    public async Task<OperationResult> AssignAsync(Guid ticketId, Guid? assignee, CancellationToken ct = default) =>
        await BulkAssignAsync([ticketId], assignee, ct);

    public async Task<OperationResult> SetStateAsync(Guid ticketId, TicketState state, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is null) return OperationResult.Fail(l["This ticket does not exist."]);
        if (!Enum.IsDefined(state) || state == TicketState.New) return OperationResult.Fail(l["State: choose one of the states after new."]);
        if (ticket.State == state) return OperationResult.Fail(l["State: the ticket already has this state."]);
        ChangeState(ticket, state, await PolicyAsync(ct));
        if (state == TicketState.Solved) await survey.OnSolvedAsync(ticket, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    public async Task<OperationResult> SetPriorityAsync(Guid ticketId, TicketPriority priority, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is null) return OperationResult.Fail(l["This ticket does not exist."]);
        if (!Enum.IsDefined(priority)) return OperationResult.Fail(l["Priority: choose low, normal, high or urgent."]);
        (ticket.Priority, ticket.UpdatedAt) = (priority, Now);
        TicketSla.Apply(ticket, await PolicyAsync(ct));
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Files the ticket under a category that is not archived, or under none (null).</summary>
    public async Task<OperationResult> SetCategoryAsync(Guid ticketId, Guid? categoryId, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is null) return OperationResult.Fail(l["This ticket does not exist."]);
        if (categoryId is { } id && !await db.TicketCategories.AnyAsync(c => c.Id == id && !c.Archived, ct))
            return OperationResult.Fail(l["Category: choose one of the categories."]);
        (ticket.CategoryId, ticket.UpdatedAt) = (categoryId, Now);
        TicketSla.Apply(ticket, await PolicyAsync(ct));
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    public async Task<OperationResult> AddTagAsync(Guid ticketId, string? tag, CancellationToken ct = default) => await BulkTagAsync([ticketId], tag, ct);

    public async Task<OperationResult> RemoveTagAsync(Guid ticketId, string? tag, CancellationToken ct = default)
    {
        var clean = CleanTag(tag);
        var existing = await db.TicketTags.FirstOrDefaultAsync(t => t.TicketId == ticketId && t.Tag == clean, ct);
        if (existing is null) return OperationResult.Fail(l["Tag: the ticket has no such tag."]);
        db.TicketTags.Remove(existing);
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is not null) ticket.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    public async Task<OperationResult> BulkAssignAsync(IReadOnlyCollection<Guid> ticketIds, Guid? assignee, CancellationToken ct = default)
    {
        var (tickets, errors) = await LoadAsync(ticketIds, ct);
        if (assignee is { } person)
        {
            var role = await db.People.AsNoTracking().Where(p => p.Id == person && p.RevokedAt == null).Select(p => p.Role).FirstOrDefaultAsync(ct);
            if (!Permissions.RoleHas(role, Permissions.SupportWork)) errors.Add(l["Assignee: choose a person who works in support."]);
        }
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        foreach (var ticket in tickets.Where(t => t.AssigneeId != assignee)) (ticket.AssigneeId, ticket.UpdatedAt) = (assignee, Now);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    public async Task<OperationResult> BulkTagAsync(IReadOnlyCollection<Guid> ticketIds, string? tag, CancellationToken ct = default)
    {
        var (tickets, errors) = await LoadAsync(ticketIds, ct);
        var clean = CleanTag(tag);
        if (clean.Length is 0 or > TicketTag.MaxLength || clean.Contains(',', StringComparison.Ordinal))
            errors.Add(l["Tag: enter a tag of at most {0} characters, without commas.", TicketTag.MaxLength]);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        var ids = tickets.Select(t => t.Id).ToList();
        var tagged = await db.TicketTags.Where(t => t.Tag == clean && ids.Contains(t.TicketId)).Select(t => t.TicketId).ToListAsync(ct);
        foreach (var ticket in tickets.Where(t => !tagged.Contains(t.Id)))
        {
            db.TicketTags.Add(new TicketTag { TicketId = ticket.Id, Tag = clean });
            ticket.UpdatedAt = Now;
        }
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Closes the chosen tickets; those already closed stay as they are.</summary>
    public async Task<OperationResult> BulkCloseAsync(IReadOnlyCollection<Guid> ticketIds, CancellationToken ct = default)
    {
        var (tickets, errors) = await LoadAsync(ticketIds, ct);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        var policy = await PolicyAsync(ct);
        foreach (var ticket in tickets.Where(t => t.State != TicketState.Closed)) ChangeState(ticket, TicketState.Closed, policy);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>The tickets of a bulk action; none chosen, too many, or one that does not exist is an error.</summary>
    private async Task<(List<Ticket> Tickets, List<string> Errors)> LoadAsync(IReadOnlyCollection<Guid> ticketIds, CancellationToken ct)
    {
        var ids = ticketIds.Distinct().ToList();
        if (ids.Count == 0) return ([], [l["Tickets: choose at least one ticket."]]);
        if (ids.Count > MaxBulk) return ([], [l["Tickets: choose at most {0} tickets at once.", MaxBulk]]);
        var tickets = await db.Tickets.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        return (tickets, tickets.Count == ids.Count ? [] : [l["Tickets: {0} of the chosen tickets do not exist.", ids.Count - tickets.Count]]);
    }

    /// <summary>
    /// Moves a ticket to a state and keeps the solved and closed times true to it (a reopened ticket is neither), and the
    /// SLA clock: it stands still while the ticket waits for the member.
    /// </summary>
    private void ChangeState(Ticket ticket, TicketState state, SlaPolicy policy)
    {
        var from = ticket.State;
        ticket.State = state;
        ticket.SolvedAt = state == TicketState.Solved ? Now : state == TicketState.Closed ? ticket.SolvedAt : null;
        ticket.ClosedAt = state == TicketState.Closed ? Now : null;
        ticket.UpdatedAt = Now;
        TicketSla.OnStateChange(ticket, from, Now, policy);
    }

    /// <summary>The service levels, read once per operation.</summary>
    private async Task<SlaPolicy> PolicyAsync(CancellationToken ct) => policy ??= await sla.PolicyAsync(ct);

    private static string CleanTag(string? tag) => (tag ?? "").Trim().ToLowerInvariant();

    /// <summary>Saves the list's current filter under a name for this person; the same name again replaces the filter.</summary>
    public async Task<OperationResult> SaveViewAsync(Guid person, string? name, TicketFilter filter, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100) return OperationResult.Fail(l["View name: enter a name of at most 100 characters."]);
        var query = filter.ToQuery();
        if (query.Length > 1000) return OperationResult.Fail(l["The filter is too long to keep with the change; shorten the search."]);
        var view = await db.SavedTicketViews.FirstOrDefaultAsync(v => v.PersonId == person && v.Name == name, ct);
        if (view is null) db.SavedTicketViews.Add(new SavedTicketView { PersonId = person, Name = name, Query = query, CreatedAt = Now });
        else view.Query = query;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Deletes one of this person's saved views; another person's view is not theirs to delete.</summary>
    public async Task<OperationResult> DeleteViewAsync(Guid person, Guid viewId, CancellationToken ct = default)
    {
        var view = await db.SavedTicketViews.FirstOrDefaultAsync(v => v.Id == viewId && v.PersonId == person, ct);
        if (view is null) return OperationResult.Fail(l["This saved view does not exist."]);
        db.SavedTicketViews.Remove(view);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>The text under this person's replies, or null when they have none.</summary>
    public async Task<string?> SignatureAsync(Guid person, CancellationToken ct = default) =>
        (await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SignatureSettingPrefix + person.ToString("N"), ct))?.Value;

    /// <summary>Sets the text under this person's replies; an empty text removes it.</summary>
    public async Task<OperationResult> SetSignatureAsync(Guid person, string? signature, CancellationToken ct = default)
    {
        var text = (signature ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length > SignatureMaxLength) return OperationResult.Fail(l["Signature: at most {0} characters.", SignatureMaxLength]);
        await db.SetSettingAsync(SignatureSettingPrefix + person.ToString("N"), text.Length == 0 ? null : text, Now, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>
    /// For escalations: moves the ticket to a state inside the caller's unit of work, so the SLA clock and the solved and
    /// closed times follow as on any state change; the caller saves.
    /// </summary>
    internal async Task MoveWithinAsync(Ticket ticket, TicketState state, CancellationToken ct)
    {
        if (ticket.State != state) ChangeState(ticket, state, await PolicyAsync(ct));
    }

    /// <summary>For escalations: an internal note with files already in the store, inside the caller's unit of work; the caller saves.</summary>
    internal TicketMessage NoteWithin(Ticket ticket, Guid by, string body, List<(NewAttachment File, StoredContent Content)> files)
    {
        var note = AddMessage(ticket, TicketMessageKind.InternalNote, body, TicketChannel.Phone, files);
        note.AuthorPersonId = by;
        return note;
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Support.Sla;

namespace RightHand.Support.Links;

/// <summary>What staff confirm before a merge: both tickets, and whether their requesters differ.</summary>
public sealed record MergePreview(long SourceNumber, string SourceSubject, string SourceRequester, long TargetNumber, string TargetSubject,
    string TargetRequester, bool RequestersDiffer);

/// <summary>
/// Merges one ticket into another: the survivor takes the whole conversation (messages keep their times, so it reads in
/// order) and the tags; the merged ticket is closed and points to the survivor, which mail threading and the portal follow.
/// Tickets of different requesters are merged only when staff confirm it; the survivor's requester stays its requester.
/// </summary>
internal sealed class TicketMerge(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l, SlaSettings sla)
{
    /// <summary>Merges are refused into merged tickets, so chains only arise when a survivor is merged on later; this bounds a walk along one.</summary>
    public const int MaxChain = 50;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Checks the merge of <paramref name="sourceId"/> into the ticket numbered <paramref name="targetNumber"/> and shows what it would join.</summary>
    public async Task<(OperationResult Result, MergePreview? Preview)> PreviewAsync(Guid sourceId, string? targetNumber, CancellationToken ct = default)
    {
        var (source, target, error) = await CheckAsync(sourceId, targetNumber, ct);
        if (error is not null) return (OperationResult.Fail(error), null);
        return (OperationResult.Ok, new MergePreview(source!.Number, source.Subject, Requester(source), target!.Number, target.Subject, Requester(target),
            RequestersDiffer(source, target)));
    }

    /// <summary>
    /// Merges the ticket into the one numbered <paramref name="targetNumber"/>. <paramref name="differentRequestersConfirmed"/>:
    /// staff ticked "the requesters differ, merge anyway"; without it tickets of different requesters are not merged.
    /// </summary>
    public async Task<(OperationResult Result, long? Survivor)> MergeAsync(Guid sourceId, string? targetNumber, bool differentRequestersConfirmed, Guid by,
        CancellationToken ct = default)
    {
        var (source, target, error) = await CheckAsync(sourceId, targetNumber, ct);
        if (error is not null) return (OperationResult.Fail(error), null);
        if (RequestersDiffer(source!, target!) && !differentRequestersConfirmed)
            return (OperationResult.Fail(l["Merge: the requesters differ. Tick \"the requesters differ, merge anyway\" to merge all the same."]), null);

        var messages = await db.TicketMessages.Where(m => m.TicketId == source!.Id).ToListAsync(ct);
        // Moved, not copied: attachments travel with their message, and the conversation exists once (search, erasure).
        foreach (var message in messages) message.TicketId = target!.Id;
        var tags = await db.TicketTags.AsNoTracking().Where(t => t.TicketId == source!.Id || t.TicketId == target!.Id).ToListAsync(ct);
        foreach (var tag in tags.Where(t => t.TicketId == source!.Id).Select(t => t.Tag).Except(tags.Where(t => t.TicketId == target!.Id).Select(t => t.Tag)))
            db.TicketTags.Add(new TicketTag { TicketId = target!.Id, Tag = tag });
        // The merged ticket's children stay in the family, under the survivor.
        foreach (var child in await db.Tickets.Where(t => t.ParentId == source!.Id && t.Id != target!.Id).ToListAsync(ct)) child.ParentId = target!.Id;
        if (target!.ParentId == source!.Id) target.ParentId = null;

        var from = source.State;
        (source.State, source.MergedIntoId, source.ClosedAt, source.UpdatedAt) = (TicketState.Closed, target.Id, Now, Now);
        TicketSla.OnStateChange(source, from, Now, await sla.PolicyAsync(ct));
        if (source.LastActivityAt > target.LastActivityAt) target.LastActivityAt = source.LastActivityAt;
        target.FirstRespondedAt ??= source.FirstRespondedAt;
        target.UpdatedAt = Now;
        TicketNotes.Add(db, source, by, l["Merged into {0}.", target.Reference], Now);
        TicketNotes.Add(db, target, by, l["{0} merged into this ticket.", source.Reference], Now);
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, target.Number);
    }

    /// <summary>The ticket that carries on a merged ticket's conversation: itself when never merged, else the end of its merge chain.</summary>
    public static async Task<Ticket> SurvivorAsync(AppDb db, Ticket ticket, CancellationToken ct = default)
    {
        for (var hops = 0; ticket.MergedIntoId is { } next && hops < MaxChain; hops++)
        {
            if (await db.Tickets.FindAsync([next], ct) is not { } survivor) break;
            ticket = survivor;
        }
        return ticket;
    }

    private async Task<(Ticket? Source, Ticket? Target, string? Error)> CheckAsync(Guid sourceId, string? targetNumber, CancellationToken ct)
    {
        var source = await db.Tickets.FindAsync([sourceId], ct);
        if (source is null) return (null, null, l["This ticket does not exist."]);
        if (source.MergedIntoId is not null) return (null, null, l["Merge: this ticket is already merged."]);
        if (TicketNumbers.Parse(targetNumber) is not { } number) return (null, null, l["Merge into: enter a ticket number, such as #10234."]);
        var target = await db.Tickets.FirstOrDefaultAsync(t => t.Number == number, ct);
        if (target is null) return (null, null, l["Merge into: no ticket has the number {0}.", TicketNumbers.Reference(number)]);
        if (target.Id == source.Id) return (null, null, l["Merge into: a ticket cannot be merged into itself."]);
        if (target.MergedIntoId is not null)
        {
            var survivor = await SurvivorAsync(db, target, ct);
            return (null, null, l["Merge into: {0} is itself merged into {1}; merge into {1} instead.", target.Reference, survivor.Reference]);
        }
        if (target.State == TicketState.Closed) return (null, null, l["Merge into: {0} is closed; reopen it first or choose an open ticket.", target.Reference]);
        return (source, target, null);
    }

    /// <summary>Requesters are the same when both tickets belong to the same member, or, without a member, to the same address.</summary>
    private static bool RequestersDiffer(Ticket a, Ticket b) =>
        a.RequesterMemberId != b.RequesterMemberId || (a.RequesterMemberId is null && a.RequesterEmailKey != b.RequesterEmailKey);

    private static string Requester(Ticket t) => t.RequesterName is { } name ? $"{name} <{t.RequesterEmail}>" : t.RequesterEmail;
}

/// <summary>Ticket numbers as staff type them: "#10234" or "10234".</summary>
internal static class TicketNumbers
{
    public static long? Parse(string? text)
    {
        var clean = (text ?? "").Trim().TrimStart('#');
        return long.TryParse(clean, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    public static string Reference(long number) => "#" + number.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Internal notes the link operations write on both tickets, so that each ticket's history says where its messages went.</summary>
internal static class TicketNotes
{
    public static void Add(AppDb db, Ticket ticket, Guid by, string text, DateTime now)
    {
        db.TicketMessages.Add(new TicketMessage
        {
            TicketId = ticket.Id, Kind = TicketMessageKind.InternalNote, Body = text, CreatedAt = now, Channel = TicketChannel.Phone,
            RequesterMemberId = ticket.RequesterMemberId, AuthorPersonId = by,
        });
        ticket.UpdatedAt = now;
    }
}

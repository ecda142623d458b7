using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Mail;

namespace RightHand.Support.Escalations;

/// <summary>
/// IT's report as the agent fills it in. <see cref="AffectedMemberNumber"/> empty: the ticket's requester, when a member.
/// <see cref="Severity"/> null: not chosen (an error).
/// </summary>
internal sealed record ItReport(string? Summary, string? StepsToReproduce, string? Expected, string? Actual, string? AffectedMemberNumber, string? Environment,
    EscalationSeverity? Severity);

/// <summary>
/// Escalating a ticket to IT or to the owner and everything that follows: IT confirms, asks back, fixes or declines; the
/// agent answers IT's question; the owner hands a ticket back or marks it done. The ticket waits for IT or the owner
/// meanwhile and comes back open, to the agent who escalated it. Each operation checks all input first, records who
/// did what in the escalation's history and saves once; bad input changes nothing.
/// </summary>
internal sealed class EscalationDesk(AppDb db, TicketDesk desk, AttachmentStore store, Mailer mailer, TimeProvider clock,
    IStringLocalizer<Texts> l)
{
    public const int MaxScreenshots = 10;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Hands the ticket to IT with the report and its screenshots (pictures only); the report becomes an internal note on the ticket.</summary>
    public async Task<(OperationResult Result, Escalation? Escalation)> EscalateToItAsync(Guid ticketId, Guid by, ItReport report,
        IReadOnlyList<NewAttachment>? screenshots = null, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is null) return (OperationResult.Fail(l["This ticket does not exist."]), null);
        var errors = new List<string>();
        await CheckEscalatableAsync(ticket, errors, ct);
        var summary = OneLine(report.Summary);
        if (summary.Length is 0 or > Escalation.ShortTextMaxLength) errors.Add(l["Summary: describe the problem in at most {0} characters.", Escalation.ShortTextMaxLength]);
        var steps = Text(report.StepsToReproduce, l["Steps to reproduce"], errors);
        var expected = Text(report.Expected, l["Expected result"], errors);
        var actual = Text(report.Actual, l["Actual result"], errors);
        var environment = OneLine(report.Environment);
        if (environment.Length is 0 or > Escalation.ShortTextMaxLength)
            errors.Add(l["Environment: enter browser, device and app version in at most {0} characters.", Escalation.ShortTextMaxLength]);
        if (report.Severity is not { } severity || !Enum.IsDefined(severity)) errors.Add(l["Severity: choose low, normal, high or critical."]);
        var affected = ticket.RequesterMemberId;
        if (!string.IsNullOrWhiteSpace(report.AffectedMemberNumber))
        {
            var number = report.AffectedMemberNumber.Trim();
            affected = await db.Members.AsNoTracking().Where(m => m.Number == number && m.ErasedAt == null).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
            if (affected is null) errors.Add(l["Affected member: no member has the number {0}.", number]);
        }
        if (screenshots is { Count: > MaxScreenshots }) errors.Add(l["Screenshots: at most {0} pictures.", MaxScreenshots]);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);
        var files = await StoreScreenshotsAsync(screenshots ?? [], errors, ct);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);

        var escalation = new Escalation
        {
            TicketId = ticket.Id, Kind = EscalationKind.It, Status = EscalationStatus.New, Summary = summary, StepsToReproduce = steps, Expected = expected,
            Actual = actual, AffectedMemberId = affected, Environment = environment, Severity = report.Severity!.Value, CreatedBy = by, CreatedAt = Now, UpdatedAt = Now,
        };
        var member = affected is { } id ? await db.Members.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.Number, m.FirstName, m.LastName }).FirstAsync(ct) : null;
        var note = string.Join("\n\n",
            l["Escalated to IT ({0}): {1}", EscalationLabels.Severity(escalation.Severity, l), summary],
            l["Steps to reproduce"] + ":\n" + steps, l["Expected result"] + ":\n" + expected, l["Actual result"] + ":\n" + actual,
            l["Environment"] + ": " + environment
                + (member is null ? "" : "\n" + l["Affected member"] + ": " + member.Number + " " + string.Join(' ', new[] { member.FirstName, member.LastName }.Where(n => n is not null))));
        escalation.NoteMessageId = desk.NoteWithin(ticket, by, note, files).Id;
        db.Escalations.Add(escalation);
        await desk.MoveWithinAsync(ticket, TicketState.WaitingForIt, ct);
        await RecordAsync(escalation, EscalationEventKind.Escalated, by, summary, ct);
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, escalation);
    }

    /// <summary>Hands a personal matter to the owner's queue with the reason and the agent's note, also kept as an internal note on the ticket.</summary>
    public async Task<(OperationResult Result, Escalation? Escalation)> EscalateToOwnerAsync(Guid ticketId, Guid by, OwnerReason? reason, string? note,
        CancellationToken ct = default)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is null) return (OperationResult.Fail(l["This ticket does not exist."]), null);
        var errors = new List<string>();
        await CheckEscalatableAsync(ticket, errors, ct);
        if (reason is not { } why || !Enum.IsDefined(why)) errors.Add(l["Reason: choose appointment request, personal advice, complaint or other."]);
        var text = Text(note, l["Note to the owner"], errors);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);
        var escalation = new Escalation
        {
            TicketId = ticket.Id, Kind = EscalationKind.Owner, Status = EscalationStatus.Open, Reason = reason, ReasonNote = text, Severity = EscalationSeverity.Normal,
            CreatedBy = by, CreatedAt = Now, UpdatedAt = Now,
        };
        escalation.NoteMessageId = desk.NoteWithin(ticket, by, l["Escalated to the owner ({0}):", EscalationLabels.Reason(reason!.Value, l)] + "\n" + text, []).Id;
        db.Escalations.Add(escalation);
        await desk.MoveWithinAsync(ticket, TicketState.WaitingForOwner, ct);
        await RecordAsync(escalation, EscalationEventKind.Escalated, by, text, ct);
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, escalation);
    }

    /// <summary>
    /// IT's answer on an escalation (the queue's actions and the API's PATCH): confirmed; needs information, with the question
    /// in <paramref name="note"/>; fixed, with the fix note; won't fix, with the reason. Fixed and won't fix send the ticket
    /// back open to the agent who escalated it and mail them. <paramref name="by"/> is null for a token of no person.
    /// </summary>
    public async Task<OperationResult> SetStatusAsync(Guid escalationId, Guid? by, EscalationStatus status, string? note, CancellationToken ct = default)
    {
        var escalation = await db.Escalations.FirstOrDefaultAsync(e => e.Id == escalationId && e.Kind == EscalationKind.It, ct);
        if (escalation is null) return OperationResult.Fail(l["This escalation does not exist."]);
        var errors = new List<string>();
        if (status is not (EscalationStatus.Confirmed or EscalationStatus.NeedsInformation or EscalationStatus.Fixed or EscalationStatus.WontFix))
            errors.Add(l["Status: choose confirmed, needs information, fixed or won't fix."]);
        else if (!escalation.IsOpen) errors.Add(l["Status: this escalation is finished."]);
        else if (escalation.Status == status) errors.Add(l["Status: the escalation already has this status."]);
        var text = status == EscalationStatus.Confirmed ? Optional(note, errors) : Text(note, status switch
        {
            EscalationStatus.NeedsInformation => l["Question"],
            EscalationStatus.Fixed => l["Fix note"],
            _ => l["Reason"],
        }, errors);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);

        (escalation.Status, escalation.UpdatedAt) = (status, Now);
        escalation.Question = status == EscalationStatus.NeedsInformation ? text : null;
        var kind = status switch
        {
            EscalationStatus.Confirmed => EscalationEventKind.Confirmed,
            EscalationStatus.NeedsInformation => EscalationEventKind.AskedForInformation,
            EscalationStatus.Fixed => EscalationEventKind.Fixed,
            _ => EscalationEventKind.WontFix,
        };
        if (status is EscalationStatus.Fixed or EscalationStatus.WontFix)
        {
            (escalation.Resolution, escalation.ResolvedAt) = (text, Now);
            var ticket = await ReturnTicketAsync(escalation, TicketState.WaitingForIt, ct);
            await MailAgentAsync(escalation, ticket, ct);
        }
        await RecordAsync(escalation, kind, by, text, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>The agent answers IT's question; the escalation is IT's turn again.</summary>
    public async Task<OperationResult> AnswerAsync(Guid escalationId, Guid by, string? answer, CancellationToken ct = default)
    {
        var escalation = await db.Escalations.FirstOrDefaultAsync(e => e.Id == escalationId && e.Kind == EscalationKind.It, ct);
        if (escalation is null) return OperationResult.Fail(l["This escalation does not exist."]);
        var errors = new List<string>();
        if (escalation.Status != EscalationStatus.NeedsInformation) errors.Add(l["Answer: IT has no open question on this escalation."]);
        var text = Text(answer, l["Answer"], errors);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        (escalation.Status, escalation.Question, escalation.UpdatedAt) = (EscalationStatus.Answered, null, Now);
        await RecordAsync(escalation, EscalationEventKind.Answered, by, text, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>A note in the escalation's history, for IT and the agent; the member never sees it.</summary>
    public async Task<OperationResult> AddNoteAsync(Guid escalationId, Guid? by, string? note, CancellationToken ct = default)
    {
        var escalation = await db.Escalations.FirstOrDefaultAsync(e => e.Id == escalationId, ct);
        if (escalation is null) return OperationResult.Fail(l["This escalation does not exist."]);
        var errors = new List<string>();
        var text = Text(note, l["Note"], errors);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        escalation.UpdatedAt = Now;
        await RecordAsync(escalation, EscalationEventKind.Note, by, text, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>IT's tracker tells which issue it filed the escalation under; empty removes the reference.</summary>
    public async Task<OperationResult> SetExternalReferenceAsync(Guid escalationId, Guid? by, string? reference, CancellationToken ct = default)
    {
        var escalation = await db.Escalations.FirstOrDefaultAsync(e => e.Id == escalationId && e.Kind == EscalationKind.It, ct);
        if (escalation is null) return OperationResult.Fail(l["This escalation does not exist."]);
        var clean = OneLine(reference);
        if (clean.Length > 500) return OperationResult.Fail(l["External reference: at most {0} characters.", 500]);
        var value = clean.Length == 0 ? null : clean;
        if (value == escalation.ExternalReference) return OperationResult.Ok;
        (escalation.ExternalReference, escalation.UpdatedAt) = (value, Now);
        await RecordAsync(escalation, EscalationEventKind.Referenced, by, value, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>
    /// The owner finishes a personal matter. Handed back (with a note for the agent, required): the ticket goes back open to
    /// the agent who escalated it. Not handed back: the owner answered the member on the ticket; it stays as the reply left it.
    /// </summary>
    public async Task<OperationResult> CompleteOwnerAsync(Guid escalationId, Guid by, bool handBack, string? note, CancellationToken ct = default)
    {
        var escalation = await db.Escalations.FirstOrDefaultAsync(e => e.Id == escalationId && e.Kind == EscalationKind.Owner, ct);
        if (escalation is null) return OperationResult.Fail(l["This escalation does not exist."]);
        var errors = new List<string>();
        if (!escalation.IsOpen) errors.Add(l["Status: this escalation is finished."]);
        var text = handBack ? Text(note, l["Note to the agent"], errors) : Optional(note, errors);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        (escalation.Status, escalation.Resolution, escalation.ResolvedAt, escalation.UpdatedAt) = (EscalationStatus.Done, text, Now, Now);
        if (handBack)
        {
            var ticket = await ReturnTicketAsync(escalation, TicketState.WaitingForOwner, ct);
            desk.NoteWithin(ticket, by, l["Handed back by the owner:"] + "\n" + text, []);
            await MailAgentAsync(escalation, ticket, ct);
        }
        await RecordAsync(escalation, handBack ? EscalationEventKind.HandedBack : EscalationEventKind.Done, by, text, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>A ticket still waiting for IT or the owner goes back open, to the agent who escalated it; one someone moved on meanwhile keeps its state.</summary>
    private async Task<Ticket> ReturnTicketAsync(Escalation escalation, TicketState waiting, CancellationToken ct)
    {
        var ticket = await db.Tickets.FirstAsync(t => t.Id == escalation.TicketId, ct);
        if (ticket.State == waiting) await desk.MoveWithinAsync(ticket, TicketState.Open, ct);
        if (await db.People.AnyAsync(p => p.Id == escalation.CreatedBy && p.RevokedAt == null, ct)) ticket.AssigneeId = escalation.CreatedBy;
        ticket.UpdatedAt = Now;
        return ticket;
    }

    /// <summary>Tells the agent who escalated that the ticket is back, in their language.</summary>
    private async Task MailAgentAsync(Escalation escalation, Ticket ticket, CancellationToken ct)
    {
        var agent = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == escalation.CreatedBy && p.RevokedAt == null, ct);
        if (agent is null) return;
        var (subject, body) = Cultures.In(agent.Language, () =>
        {
            var what = escalation.Status switch
            {
                EscalationStatus.Fixed => l["IT has fixed the problem of ticket {0}.", ticket.Reference].Value,
                EscalationStatus.WontFix => l["IT will not fix the problem of ticket {0}.", ticket.Reference].Value,
                _ => l["The owner has handed ticket {0} back to you.", ticket.Reference].Value,
            };
            return ($"[{ticket.Reference}] {what}",
                what + "\n\n" + escalation.Resolution + "\n\n" + l["The ticket is open and assigned to you: /support/tickets/{0}", ticket.Number].Value);
        });
        await mailer.QueueAsync(db, agent.Email, agent.Name, subject, body, ct);
    }

    private async Task CheckEscalatableAsync(Ticket ticket, List<string> errors, CancellationToken ct)
    {
        if (ticket.State == TicketState.Closed) errors.Add(l["This ticket is closed; it cannot be escalated."]);
        if (await Escalation.OpenForAsync(db, ticket.Id, ct)) errors.Add(l["This ticket is already escalated; wait until the open escalation is answered."]);
    }

    /// <summary>Puts screenshots into the store; a file that is too large or not a picture (PNG, JPEG, GIF, WebP by its first bytes) is named in an error.</summary>
    private async Task<List<(NewAttachment, StoredContent)>> StoreScreenshotsAsync(IReadOnlyList<NewAttachment> screenshots, List<string> errors, CancellationToken ct)
    {
        var stored = new List<(NewAttachment, StoredContent)>();
        foreach (var file in screenshots)
        {
            var name = AttachmentNames.Sanitize(file.FileName);
            var content = await store.SaveAsync(file.Content, ct);
            if (content is null) errors.Add(l["Screenshot {0}: a file may have at most {1} MB.", name, AttachmentStore.MaxBytes / 1024 / 1024]);
            else if (await PictureTypeAsync(content.Sha256, ct) is not { } type) errors.Add(l["Screenshot {0}: only pictures (PNG, JPEG, GIF, WebP) are taken.", name]);
            else stored.Add((file with { ContentType = type }, content));
        }
        return stored;
    }

    /// <summary>The picture type by the file's first bytes: what the browser claimed decides nothing.</summary>
    private async Task<string?> PictureTypeAsync(string sha256, CancellationToken ct)
    {
        await using var content = store.OpenRead(sha256);
        if (content is null) return null;
        var head = new byte[12];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        ReadOnlySpan<byte> h = head.AsSpan(0, read);
        if (h.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (h.StartsWith((byte[])[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8)) return "image/gif";
        if (h.Length == 12 && h[..4].SequenceEqual("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }

    /// <summary>Adds the step to the history and queues its delivery to IT's tracker, if one is set, in the same unit of work.</summary>
    private async Task RecordAsync(Escalation escalation, EscalationEventKind kind, Guid? by, string? text, CancellationToken ct)
    {
        var step = new EscalationEvent { EscalationId = escalation.Id, Kind = kind, ByPersonId = by, Text = text, At = Now };
        db.EscalationEvents.Add(step);
        await EscalationTracker.QueueAsync(db, escalation, step, Now, ct);
    }

    /// <summary>A required text: trimmed, with its line breaks, not empty, not over the limit.</summary>
    private string Text(string? text, string field, List<string> errors)
    {
        var clean = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (clean.Length is 0 or > Escalation.TextMaxLength) errors.Add(l["{0}: write a text of at most {1} characters.", field, Escalation.TextMaxLength]);
        return clean;
    }

    private string? Optional(string? text, List<string> errors)
    {
        var clean = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (clean.Length > Escalation.TextMaxLength) errors.Add(l["Note: at most {0} characters.", Escalation.TextMaxLength]);
        return clean.Length == 0 ? null : clean;
    }

    private static string OneLine(string? text) => string.Join(' ', (text ?? "").Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();
}

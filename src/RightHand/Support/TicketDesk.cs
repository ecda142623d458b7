using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Mail;
using RightHand.Support.Sla;

namespace RightHand.Support;

/// <summary>Who asks: a member (by id), or an e-mail contact with an optional name.</summary>
internal sealed record TicketRequester(Guid? MemberId, string? Email, string? Name = null);

/// <summary>A file as it arrives; the desk reads <see cref="Content"/> once, the caller disposes it.</summary>
internal sealed record NewAttachment(string? FileName, string? ContentType, Stream Content);

/// <summary>
/// A new ticket as it comes in. Language null: the member's language, else German. <see cref="MailMessageId"/> is the
/// Message-ID of the mail that opened it, so that the requester's answers thread onto it.
/// </summary>
internal sealed record NewTicket(TicketChannel Channel, TicketRequester Requester, string? Subject, string? Body, string? Language = null,
    TicketPriority Priority = TicketPriority.Normal, Guid? CategoryId = null, IReadOnlyList<NewAttachment>? Attachments = null, string? MailMessageId = null,
    bool Automatic = false);

/// <summary>
/// The support desk's operations on tickets: open, the conversation (requester messages, replies mailed to the requester,
/// internal notes), and triage (state, priority, category, assignee, tags, in bulk too). Each checks all its input first
/// and saves once, so bad input changes nothing and the audit trail records the whole change.
/// </summary>
internal sealed partial class TicketDesk(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l, Mailer mailer, AttachmentStore store, SlaSettings sla,
    Ratings.SatisfactionSurvey survey, Replies.ReplyReview review)
{
    private SlaPolicy? policy;
    public const int MaxAttachmentsPerMessage = 10;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<(OperationResult Result, Ticket? Ticket)> OpenAsync(NewTicket draft, CancellationToken ct = default)
    {
        var errors = new List<string>();
        var subject = OneLine(draft.Subject);
        if (subject.Length is 0 or > Ticket.SubjectMaxLength) errors.Add(l["Subject: enter a subject of at most {0} characters.", Ticket.SubjectMaxLength]);
        var body = CheckBody(draft.Body, errors);
        if (!Enum.IsDefined(draft.Channel)) errors.Add(l["Channel: choose portal, e-mail, API or phone."]);
        if (!Enum.IsDefined(draft.Priority)) errors.Add(l["Priority: choose low, normal, high or urgent."]);
        if (draft.Language is not (null or "de" or "en")) errors.Add(l["Language: choose German or English."]);
        if (draft.CategoryId is { } category && !await db.TicketCategories.AnyAsync(c => c.Id == category && !c.Archived, ct))
            errors.Add(l["Category: choose one of the categories."]);
        var requester = await FindRequesterAsync(draft.Requester, errors, ct);
        CheckAttachments(draft.Attachments, errors);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);
        var files = await StoreAsync(draft.Attachments, ct);
        if (files.Errors.Count > 0) return (OperationResult.Fail([.. files.Errors]), null);
        var levels = await PolicyAsync(ct);

        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        var number = await NextNumberAsync(ct);
        var ticket = new Ticket
        {
            Number = number, Subject = subject, RequesterMemberId = requester!.MemberId, RequesterEmail = requester.Email,
            RequesterEmailKey = requester.Email.ToLowerInvariant(), RequesterName = requester.Name, Channel = draft.Channel, State = TicketState.New,
            Priority = draft.Priority, CategoryId = draft.CategoryId, Language = draft.Language ?? requester.Language,
            CreatedAt = Now, UpdatedAt = Now, LastActivityAt = Now,
        };
        TicketSla.Apply(ticket, levels);
        db.Tickets.Add(ticket);
        var message = AddMessage(ticket, TicketMessageKind.FromRequester, body, draft.Channel, files.Stored);
        (message.AuthorMemberId, message.FromAddress, message.FromName, message.MailMessageId) =
            (requester.MemberId, requester.Email, requester.Name, MessageId(draft.MailMessageId));
        await RunRulesAsync(ticket, body, RuleTrigger.NewTicket, draft.Automatic, ct);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return (OperationResult.Ok, ticket);
    }

    /// <summary>
    /// The requester writes again (portal, or a mail answer). A ticket waiting for the member or solved goes back to
    /// open; one waiting for IT or the owner stays with them, its new activity puts it on top of the lists. A closed
    /// ticket takes no more messages: a new request opens a new ticket. <paramref name="memberId"/>, when given, must be
    /// the ticket's requester: a member never writes into another's ticket.
    /// </summary>
    public async Task<OperationResult> AddRequesterMessageAsync(Guid ticketId, string? body, TicketChannel channel, Guid? memberId = null,
        string? fromAddress = null, string? fromName = null, IReadOnlyList<NewAttachment>? attachments = null, string? mailMessageId = null,
        bool automatic = false, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is null || (memberId is not null && ticket.RequesterMemberId != memberId)) return OperationResult.Fail(l["This ticket does not exist."]);
        if (ticket.State == TicketState.Closed) return OperationResult.Fail(l["This ticket is closed; a new request opens a new ticket."]);
        var errors = new List<string>();
        var text = CheckBody(body, errors);
        if (!Enum.IsDefined(channel)) errors.Add(l["Channel: choose portal, e-mail, API or phone."]);
        CheckAttachments(attachments, errors);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        var files = await StoreAsync(attachments, ct);
        if (files.Errors.Count > 0) return OperationResult.Fail([.. files.Errors]);
        var message = AddMessage(ticket, TicketMessageKind.FromRequester, text, channel, files.Stored);
        (message.AuthorMemberId, message.FromAddress, message.FromName, message.MailMessageId) =
            (memberId ?? ticket.RequesterMemberId, Clip(fromAddress?.Trim(), 254) ?? ticket.RequesterEmail, Clip(fromName?.Trim(), 200) ?? ticket.RequesterName,
            MessageId(mailMessageId));
        // An out-of-office reply is kept in the conversation but is no answer: the ticket goes on waiting.
        if (!automatic && ticket.State is TicketState.WaitingForMember or TicketState.Solved) ChangeState(ticket, TicketState.Open, await PolicyAsync(ct));
        await RunRulesAsync(ticket, text, RuleTrigger.RequesterReply, automatic, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>
    /// A public reply by staff: mailed to the requester in the ticket's language with the author's signature, threaded
    /// onto the conversation, and without Auto-Submitted (a person wrote it). The first reply sets the first response
    /// time. The ticket then waits for the member, or takes the state the author chose.
    /// </summary>
    public async Task<OperationResult> ReplyAsync(Guid ticketId, Guid by, string? body, TicketState? then = null, IReadOnlyList<NewAttachment>? attachments = null,
        CancellationToken ct = default)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is null) return OperationResult.Fail(l["This ticket does not exist."]);
        var errors = new List<string>();
        var text = CheckBody(body, errors);
        var state = then ?? TicketState.WaitingForMember;
        if (!Enum.IsDefined(state) || state == TicketState.New) errors.Add(l["State: choose one of the states after new."]);
        CheckAttachments(attachments, errors);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        var files = await StoreAsync(attachments, ct);
        if (files.Errors.Count > 0) return OperationResult.Fail([.. files.Errors]);

        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        var thread = await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticketId && m.MailMessageId != null)
            .OrderBy(m => m.CreatedAt).Select(m => new { m.Kind, m.MailMessageId }).ToListAsync(ct);
        var answered = thread.LastOrDefault(m => m.Kind == TicketMessageKind.FromRequester)?.MailMessageId ?? thread.LastOrDefault()?.MailMessageId;
        var signature = await SignatureAsync(by, ct);
        var mailText = Cultures.In(ticket.Language, () =>
            text + (signature is null ? "" : "\n\n-- \n" + signature) + "\n\n" + l["Please reply to this e-mail and keep {0} in the subject.", ticket.Reference]);
        var mail = await mailer.QueueConversationAsync(db, ticket.RequesterMemberId, ticket.RequesterEmail, ticket.RequesterName,
            $"[{ticket.Reference}] {ticket.Subject}", mailText, new MailThread(answered, References(thread.Select(m => m.MailMessageId!).ToList())), ct);

        var message = AddMessage(ticket, TicketMessageKind.Reply, text, TicketChannel.Email, files.Stored);
        (message.AuthorPersonId, message.MailMessageId) = (by, mail.MessageId);
        ticket.FirstRespondedAt ??= Now;
        // The requester is asked for a rating when the ticket becomes solved, not again for a further reply on a solved ticket.
        if (state == TicketState.Solved && ticket.State != TicketState.Solved) await survey.OnSolvedAsync(ticket, ct);
        ChangeState(ticket, state, await PolicyAsync(ct));
        await review.RecordAsync(ticket, message, by, ct);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>An internal note: for staff only, never mailed, and it leaves the ticket's state as it is.</summary>
    public async Task<OperationResult> AddNoteAsync(Guid ticketId, Guid by, string? body, IReadOnlyList<NewAttachment>? attachments = null, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.FindAsync([ticketId], ct);
        if (ticket is null) return OperationResult.Fail(l["This ticket does not exist."]);
        var errors = new List<string>();
        var text = CheckBody(body, errors);
        CheckAttachments(attachments, errors);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        var files = await StoreAsync(attachments, ct);
        if (files.Errors.Count > 0) return OperationResult.Fail([.. files.Errors]);
        AddMessage(ticket, TicketMessageKind.InternalNote, text, TicketChannel.Phone, files.Stored).AuthorPersonId = by;
        ticket.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>
    /// The number for a new ticket, inside the caller's transaction. Tickets are numbered one at a time, so two tickets
    /// opened at the same moment never draw the same number: PostgreSQL waits on an advisory lock held to the end of the
    /// transaction; SQLite's transactions take the write lock.
    /// </summary>
    internal async Task<long> NextNumberAsync(CancellationToken ct)
    {
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7230)", ct);
        return (await db.Tickets.MaxAsync(t => (long?)t.Number, ct) ?? Ticket.FirstNumber - 1) + 1;
    }

    private TicketMessage AddMessage(Ticket ticket, TicketMessageKind kind, string body, TicketChannel channel, List<(NewAttachment File, StoredContent Content)> files)
    {
        var message = new TicketMessage
        {
            TicketId = ticket.Id, Kind = kind, Body = body, CreatedAt = Now, Channel = channel, RequesterMemberId = ticket.RequesterMemberId,
        };
        db.TicketMessages.Add(message);
        foreach (var (file, content) in files)
        {
            db.TicketAttachments.Add(new TicketAttachment
            {
                MessageId = message.Id, FileName = AttachmentNames.Sanitize(file.FileName), ContentType = AttachmentNames.ContentType(file.ContentType),
                Size = content.Size, Sha256 = content.Sha256,
            });
        }
        if (kind != TicketMessageKind.InternalNote) ticket.LastActivityAt = Now;
        ticket.UpdatedAt = Now;
        return message;
    }

    private sealed record Requester(Guid? MemberId, string Email, string? Name, string Language);

    /// <summary>A member by id, or an address; an address that is a member's links the ticket to that member.</summary>
    private async Task<Requester?> FindRequesterAsync(TicketRequester given, List<string> errors, CancellationToken ct)
    {
        if (given.MemberId is { } id)
        {
            var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
            if (member is null || member.ErasedAt is not null) { errors.Add(l["Requester: this member does not exist."]); return null; }
            return new Requester(member.Id, member.Email, member.FullName, member.Language);
        }
        var email = given.Email?.Trim() ?? "";
        if (email.Length == 0) { errors.Add(l["Requester: choose a member or enter an e-mail address."]); return null; }
        if (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || parsed.DisplayName.Length > 0)
        {
            errors.Add(l["Requester: enter a valid e-mail address."]);
            return null;
        }
        var key = email.ToLowerInvariant();
        var matches = await db.Members.AsNoTracking().Where(m => m.EmailKey == key && m.ErasedAt == null).Take(2).ToListAsync(ct);
        var name = Clip(OneLine(given.Name), 200) is { Length: > 0 } n ? n : null;
        return matches is [var only] ? new Requester(only.Id, email, name ?? only.FullName, only.Language) : new Requester(null, email, name, "de");
    }

    private string CheckBody(string? body, List<string> errors)
    {
        var text = (body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length is 0 or > TicketMessage.BodyMaxLength) errors.Add(l["Message: write a text of at most {0} characters.", TicketMessage.BodyMaxLength]);
        return text;
    }

    private void CheckAttachments(IReadOnlyList<NewAttachment>? attachments, List<string> errors)
    {
        if (attachments is { Count: > MaxAttachmentsPerMessage }) errors.Add(l["Attachments: at most {0} files per message.", MaxAttachmentsPerMessage]);
    }

    /// <summary>Puts the files into the store; a file over the limit is named in the error, and nothing reaches the database.</summary>
    private async Task<(List<(NewAttachment, StoredContent)> Stored, List<string> Errors)> StoreAsync(IReadOnlyList<NewAttachment>? attachments, CancellationToken ct)
    {
        var stored = new List<(NewAttachment, StoredContent)>();
        var errors = new List<string>();
        foreach (var file in attachments ?? [])
        {
            var content = await store.SaveAsync(file.Content, ct);
            if (content is null) errors.Add(l["Attachment {0}: a file may have at most {1} MB.", AttachmentNames.Sanitize(file.FileName), AttachmentStore.MaxBytes / 1024 / 1024]);
            else stored.Add((file, content));
        }
        return (stored, errors);
    }

    /// <summary>The thread's ids for References, oldest first; a long thread keeps its first id and its newest (RFC 5322 §3.6.4 allows trimming).</summary>
    private static string? References(List<string> ids)
    {
        if (ids.Count == 0) return null;
        var kept = new List<string>(ids);
        while (kept.Count > 2 && string.Join(' ', kept).Length > 3900) kept.RemoveAt(1);
        var joined = string.Join(' ', kept);
        return joined.Length <= 4000 ? joined : kept[^1];
    }

    /// <summary>A Message-ID as the desk stores it: with its angle brackets, on one line, at most 998 characters (a mail header line's limit).</summary>
    private static string? MessageId(string? id)
    {
        var clean = OneLine(id);
        if (clean.Length == 0) return null;
        if (!clean.StartsWith('<')) clean = "<" + clean + ">";
        return clean.Length <= 998 ? clean : null;
    }

    private static string OneLine(string? text) => string.Join(' ', (text ?? "").Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();

    private static string? Clip(string? text, int length) => string.IsNullOrEmpty(text) ? null : text.Length <= length ? text : text[..length];
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Formats.Mime;
using RightHand.Platform.Database;
using MimeMail = RightHand.Formats.Mime.MailMessage;

namespace RightHand.Support.Inbound;

internal enum IntakeOutcome { TicketCreated, MessageAdded, BounceRecorded, AlreadyReceived, UnknownBounce, Rejected }

/// <summary>What became of a received mail: the ticket it opened or joined (null for a rejected mail or a bounce on a mail of no ticket), and why it was rejected.</summary>
internal sealed record IntakeResult(IntakeOutcome Outcome, long? TicketNumber, string? Reason = null)
{
    public bool IsRejected => Outcome == IntakeOutcome.Rejected;
}

/// <summary>
/// Takes a received mail as raw bytes (from <c>righthand mail receive</c> or the inbound-mail API) onto the desk:
/// threads it onto its ticket or opens one, records a bounce on the mail it reports, keeps what it cannot take in
/// the rejected-mail folder. Each mail is one transaction; the same Message-ID a second time adds nothing.
/// </summary>
internal sealed partial class MailIntake(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l, TicketDesk desk, MailAcknowledgements acknowledgements,
    RejectedMailFolder rejected)
{
    private const int MaxThreadIds = 50;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IntakeResult> ReceiveAsync(byte[] raw, CancellationToken ct = default)
    {
        var mail = MimeMail.Parse(raw);
        if (mail.IsRejected) return await RejectAsync(raw, mail.RejectionReason!, ct);
        var messageId = Bracketed(mail.MessageId);
        if (messageId is not null && await SeenAsync(messageId, ct) is (true, var number)) return new IntakeResult(IntakeOutcome.AlreadyReceived, number);
        if (mail.DeliveryReport is { } report) return await BounceAsync(raw, report, messageId, ct);
        if (mail.From is null || mail.From.Address.Trim().Length == 0) return await RejectAsync(raw, l["rejected: the mail has no sender address (From)"], ct);

        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        var notes = new List<string>();
        var body = Body(mail, notes);
        var attachments = Attachments(mail, notes);
        var (ticket, closed) = await ThreadAsync(mail, ct);
        InboundOutcome outcome;
        if (ticket is not null && closed is null)
        {
            var added = await desk.AddRequesterMessageAsync(ticket.Id, body, TicketChannel.Email, null, mail.From.Address.Trim(), mail.From.Name,
                attachments, messageId, automatic: mail.IsAutoReply, ct: ct);
            if (!added.Succeeded) return await RejectAsync(raw, string.Join(" ", added.Errors), ct);
            outcome = InboundOutcome.MessageAdded;
        }
        else
        {
            var subject = OneLine(mail.Subject);
            if (subject.Length == 0) subject = l["(no subject)"];
            if (subject.Length > Ticket.SubjectMaxLength) subject = subject[..Ticket.SubjectMaxLength];
            var (opened, created) = await desk.OpenAsync(new NewTicket(TicketChannel.Email, new TicketRequester(null, mail.From.Address.Trim(), mail.From.Name),
                subject, body, Attachments: attachments, MailMessageId: messageId, Automatic: mail.IsAutoReply || mail.DeliveryReport is not null), ct);
            if (!opened.Succeeded) return await RejectAsync(raw, l["rejected: {0}", string.Join(" ", opened.Errors)], ct);
            ticket = created!;
            if (closed is not null) notes.Insert(0, l["This mail answers the closed ticket {0}; it opened this new ticket.", closed.Reference]);
            outcome = InboundOutcome.TicketCreated;
        }
        if (mail.IsAutoReply) notes.Add(l["This is an automatic reply (such as an out-of-office notice): no receipt was sent."]);
        foreach (var note in notes) Note(ticket, note);
        var record = new InboundMail { MessageId = messageId, ReceivedAt = Now, Outcome = outcome, TicketId = ticket.Id, IsAutoReply = mail.IsAutoReply };
        if (outcome == InboundOutcome.TicketCreated && await acknowledgements.QueueAsync(ticket, mail, messageId, ct) is { } receipt)
            record.AcknowledgementMessageId = receipt.MessageId;
        db.InboundMails.Add(record);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return new IntakeResult(outcome == InboundOutcome.TicketCreated ? IntakeOutcome.TicketCreated : IntakeOutcome.MessageAdded, ticket.Number);
    }

    /// <summary>
    /// The ticket a mail answers: by In-Reply-To and References among the messages of every ticket (incoming, our
    /// replies, our receipts); else by "[#10234]" in the subject, but only from the ticket's requester (or its member's
    /// address), so that a stranger cannot write into a ticket by guessing its number. A closed ticket is returned as
    /// <c>closed</c>: the mail opens a new one.
    /// </summary>
    private async Task<(Ticket? Ticket, Ticket? Closed)> ThreadAsync(MimeMail mail, CancellationToken ct)
    {
        var ids = new[] { mail.InReplyTo }.Concat(mail.References.Reverse()).Select(Bracketed).OfType<string>().Distinct().Take(MaxThreadIds).ToList();
        Guid? ticketId = null;
        if (ids.Count > 0)
        {
            ticketId = await db.TicketMessages.AsNoTracking().Where(m => m.MailMessageId != null && ids.Contains(m.MailMessageId))
                .OrderByDescending(m => m.CreatedAt).Select(m => (Guid?)m.TicketId).FirstOrDefaultAsync(ct)
                ?? await db.InboundMails.AsNoTracking().Where(m => m.AcknowledgementMessageId != null && ids.Contains(m.AcknowledgementMessageId))
                    .Select(m => m.TicketId).FirstOrDefaultAsync(ct);
        }
        var ticket = ticketId is { } id ? await db.Tickets.FindAsync([id], ct) : null;
        if (ticket is null && SubjectNumber().Match(mail.Subject) is { Success: true } match
            && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            var candidate = await db.Tickets.FirstOrDefaultAsync(t => t.Number == number, ct);
            if (candidate is not null && await IsRequesterAsync(candidate, mail.From!.Address, ct)) ticket = candidate;
        }
        // A merged ticket's conversation goes on in the ticket it was merged into.
        if (ticket is not null) ticket = await Links.TicketMerge.SurvivorAsync(db, ticket, ct);
        return ticket?.State == TicketState.Closed ? (null, ticket) : (ticket, null);
    }

    private async Task<bool> IsRequesterAsync(Ticket ticket, string address, CancellationToken ct)
    {
        var key = address.Trim().ToLowerInvariant();
        if (key == ticket.RequesterEmailKey) return true;
        return ticket.RequesterMemberId is { } member && await db.Members.AsNoTracking().AnyAsync(m => m.Id == member && m.EmailKey == key, ct);
    }

    /// <summary>
    /// A delivery-status report: an internal note on the ticket whose reply (or receipt) it reports, and the outgoing
    /// mail marked. Never a ticket of its own; a report on a mail we never sent is kept in the folder.
    /// </summary>
    private async Task<IntakeResult> BounceAsync(byte[] raw, DeliveryReport report, string? messageId, CancellationToken ct)
    {
        var original = Bracketed(report.OriginalMessageId);
        var sent = original is null ? null : await db.OutgoingMails.FirstOrDefaultAsync(m => m.MessageId == original, ct);
        if (sent is null)
        {
            await rejected.KeepAsync(raw, l["bounce for an unknown message"], Now, ct);
            return new IntakeResult(IntakeOutcome.UnknownBounce, null, l["bounce for an unknown message"]);
        }
        var ticketId = await db.TicketMessages.AsNoTracking().Where(m => m.MailMessageId == original).Select(m => (Guid?)m.TicketId).FirstOrDefaultAsync(ct)
            ?? await db.InboundMails.AsNoTracking().Where(m => m.AcknowledgementMessageId == original).Select(m => m.TicketId).FirstOrDefaultAsync(ct);
        var ticket = ticketId is { } id ? await db.Tickets.FindAsync([id], ct) : null;
        var failed = report.Recipients.Where(r => r.IsHardBounce || r.IsSoftBounce).ToList();
        var lines = (failed.Count > 0 ? failed : report.Recipients).Select(r =>
        {
            var to = r.FinalRecipient ?? r.OriginalRecipient ?? sent.To;
            var why = string.Join(" ", new[] { r.Status, r.DiagnosticCode }.Where(s => !string.IsNullOrWhiteSpace(s)));
            return r.IsHardBounce ? l["Delivery to {0} failed for good (hard bounce): {1}", to, why].Value
                : l["Delivery to {0} failed for now or is delayed (soft bounce): {1}", to, why].Value;
        }).DefaultIfEmpty(l["Delivery to {0} failed: the report names no recipient.", sent.To].Value).ToList();
        sent.BouncedAt = Now;
        sent.Bounce = Clip((report.IsHardBounce ? "hard: " : "soft: ") + string.Join(" | ", lines), 500);
        if (ticket is not null) Note(ticket, l["A reply on this ticket came back undelivered (subject \"{0}\").", sent.Subject] + "\n" + string.Join("\n", lines));
        db.InboundMails.Add(new InboundMail { MessageId = messageId, ReceivedAt = Now, Outcome = InboundOutcome.BounceRecorded, TicketId = ticket?.Id });
        await db.SaveChangesAsync(ct);
        return new IntakeResult(IntakeOutcome.BounceRecorded, ticket?.Number);
    }

    /// <summary>Whether this Message-ID was taken before, and the number of its ticket (null for a bounce on a mail of no ticket).</summary>
    private async Task<(bool Seen, long? Number)> SeenAsync(string messageId, CancellationToken ct)
    {
        var inbound = await db.InboundMails.AsNoTracking().Where(m => m.MessageId == messageId).Select(m => new { m.TicketId }).FirstOrDefaultAsync(ct);
        // A message the desk took by another way (a ticket opened through the API with its Message-ID) counts too.
        var ticketId = inbound?.TicketId ?? await db.TicketMessages.AsNoTracking().Where(m => m.MailMessageId == messageId && m.Kind == TicketMessageKind.FromRequester)
            .Select(m => (Guid?)m.TicketId).FirstOrDefaultAsync(ct);
        if (inbound is null && ticketId is null) return (false, null);
        return (true, ticketId is null ? null : await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId).Select(t => (long?)t.Number).FirstOrDefaultAsync(ct));
    }

    private async Task<IntakeResult> RejectAsync(byte[] raw, string reason, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await rejected.KeepAsync(raw, reason, Now, ct);
        return new IntakeResult(IntakeOutcome.Rejected, null, reason);
    }

    private string Body(MimeMail mail, List<string> notes)
    {
        var text = mail.TextBody.Trim();
        if (text.Length == 0) return l["(The mail has no text.)"];
        if (text.Length <= TicketMessage.BodyMaxLength) return text;
        notes.Add(l["The mail's text was longer than {0} characters; the rest was cut off.", TicketMessage.BodyMaxLength]);
        return text[..TicketMessage.BodyMaxLength];
    }

    /// <summary>The files the desk can take; one over 25 MB, or beyond the tenth, is dropped and named in a note, never the whole mail.</summary>
    private List<NewAttachment> Attachments(MimeMail mail, List<string> notes)
    {
        var kept = new List<NewAttachment>();
        var dropped = new List<string>();
        foreach (var file in mail.Attachments)
        {
            if (file.Content.LongLength > AttachmentStore.MaxBytes || kept.Count >= TicketDesk.MaxAttachmentsPerMessage) dropped.Add(file.FileName);
            else kept.Add(new NewAttachment(file.FileName, file.ContentType, new MemoryStream(file.Content, writable: false)));
        }
        if (dropped.Count > 0)
            notes.Add(l["Attachments not kept (larger than {0} MB, or more than {1} files): {2}", AttachmentStore.MaxBytes / 1024 / 1024,
                TicketDesk.MaxAttachmentsPerMessage, string.Join(", ", dropped)]);
        return kept;
    }

    /// <summary>A note by the desk itself (no author): staff see it on the ticket, the requester never does.</summary>
    private void Note(Ticket ticket, string text)
    {
        db.TicketMessages.Add(new TicketMessage
        {
            TicketId = ticket.Id, Kind = TicketMessageKind.InternalNote, Body = Clip(text, TicketMessage.BodyMaxLength), CreatedAt = Now,
            Channel = TicketChannel.Email, RequesterMemberId = ticket.RequesterMemberId,
        });
        ticket.UpdatedAt = Now;
    }

    /// <summary>Message-IDs as the desk stores them: in angle brackets.</summary>
    private static string? Bracketed(string? id)
    {
        var clean = id?.Trim();
        if (string.IsNullOrEmpty(clean) || clean.Length > 996 || clean.Any(char.IsControl)) return null;
        return "<" + clean + ">";
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    [GeneratedRegex(@"\[#(\d{1,18})\]", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectNumber();
}

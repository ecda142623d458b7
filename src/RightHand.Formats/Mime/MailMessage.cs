namespace RightHand.Formats.Mime;

/// <summary>
/// A received mail message read from its raw RFC 5322 / MIME bytes: the addresses, threading headers, the best
/// plain text, the attachments, whether it is an auto-reply or a bounce. <see cref="Parse(byte[], MimeLimits?)"/>
/// never throws for what a message contains and never takes more than linear time: everything malformed is read
/// as well as it can be and noted in <see cref="Problems"/>. Nothing returned is HTML-escaped; all of it is text.
/// </summary>
public sealed class MailMessage
{
    private static readonly string[] MailFields =
        ["From", "Sender", "Reply-To", "To", "Cc", "Subject", "Date", "Message-ID", "Received", "Return-Path", "MIME-Version", "In-Reply-To"];

    private MailMessage(MailHeaders headers, IReadOnlyList<MimeProblem> problems) => (Headers, Problems) = (headers, problems);

    /// <summary>Decoded subject; "" when the message has none.</summary>
    public string Subject { get; private init; } = "";

    /// <summary>The first From mailbox; null when the header is missing or unreadable.</summary>
    public MailboxAddress? From { get; private init; }
    public IReadOnlyList<MailboxAddress> To { get; private init; } = [];
    public IReadOnlyList<MailboxAddress> Cc { get; private init; } = [];
    public IReadOnlyList<MailboxAddress> ReplyTo { get; private init; } = [];

    /// <summary>The Date header; null when missing or unreadable (a zone-less date is taken as UTC).</summary>
    public DateTimeOffset? Date { get; private init; }

    /// <summary>Message-ID without angle brackets ("abc@example.org"); null when missing.</summary>
    public string? MessageId { get; private init; }

    /// <summary>The first identifier in In-Reply-To, without angle brackets.</summary>
    public string? InReplyTo { get; private init; }

    /// <summary>The identifiers in References, oldest first, without angle brackets.</summary>
    public IReadOnlyList<string> References { get; private init; } = [];

    /// <summary>All header fields of the message itself (not of its parts), decoded.</summary>
    public MailHeaders Headers { get; }

    /// <summary>The text to show: the plain-text version, else the HTML version turned into text; "" when there is none. Line ends are "\n".</summary>
    public string TextBody { get; private init; } = "";

    /// <summary>The HTML version as sent, for reference only (it is not safe to render); null when there is none.</summary>
    public string? HtmlBody { get; private init; }

    public IReadOnlyList<MailAttachment> Attachments { get; private init; } = [];

    /// <summary>
    /// Sent by a machine, not a person: Auto-Submitted other than "no" (RFC 3834), Precedence bulk, junk, list or
    /// auto_reply, X-Autoreply or X-Autorespond. Never answer such a message automatically (two responders would loop).
    /// X-Auto-Response-Suppress alone does not count: Outlook sets it on mail people write.
    /// </summary>
    public bool IsAutoReply { get; private init; }

    /// <summary>The delivery-status report when the message is a bounce or delay notice (RFC 3464); null otherwise.</summary>
    public DeliveryReport? DeliveryReport { get; private init; }

    /// <summary>Why the message cannot be taken at all ("rejected: too large ...", "rejected: not a mail message ..."); null when it can.</summary>
    public string? RejectionReason { get; private init; }

    public bool IsRejected => RejectionReason is not null;

    /// <summary>What was wrong with the message and how it was read anyway; empty for a clean message.</summary>
    public IReadOnlyList<MimeProblem> Problems { get; }

    public static MailMessage Parse(byte[] message, MimeLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Read(message, limits ?? new MimeLimits());
    }

    public static MailMessage Parse(ReadOnlySpan<byte> message, MimeLimits? limits = null)
    {
        limits ??= new MimeLimits();
        return message.Length > limits.MaxMessageBytes ? TooLarge(message.Length, limits) : Read(message.ToArray(), limits);
    }

    /// <summary>Reads the stream to its end, or stops after <see cref="MimeLimits.MaxMessageBytes"/>. The caller owns the stream.</summary>
    public static MailMessage Parse(Stream message, MimeLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        limits ??= new MimeLimits();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = message.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limits.MaxMessageBytes) return TooLarge(buffer.Length + read, limits);
            buffer.Write(chunk, 0, read);
        }
        return Read(buffer.ToArray(), limits);
    }

    private static MailMessage TooLarge(long size, MimeLimits limits)
    {
        // A stream is not read beyond the limit, so its size is "at least" what was read when the limit was passed.
        var detail = $"more than the limit of {limits.MaxMessageBytes} bytes (at least {size})";
        var problems = new ProblemList(limits.MaxProblems);
        problems.Add(MimeProblemCode.TooLarge, detail);
        return new MailMessage(new MailHeaders([], problems), problems.Items) { RejectionReason = "rejected: too large, " + detail };
    }

    private static MailMessage Read(byte[] message, MimeLimits limits)
    {
        if (message.Length > limits.MaxMessageBytes) return TooLarge(message.Length, limits);
        var problems = new ProblemList(limits.MaxProblems);
        var root = new MimeTreeReader(limits, problems).Read(message, depth: 0);
        var headers = root.Headers;
        string? rejection = null;
        if (!MailFields.Any(headers.Contains))
        {
            problems.Add(MimeProblemCode.NotMail, "no From, To, Subject, Date, Message-ID or Received header");
            rejection = "rejected: not a mail message (no mail header fields)";
        }
        var body = new MessageBody(problems);
        body.Read(root);
        var date = MailDate.Parse(headers["Date"]);
        if (date is null && headers.Contains("Date")) problems.Add(MimeProblemCode.InvalidDate, Shorten(headers["Date"]!));
        return new MailMessage(headers, problems.Items)
        {
            Subject = headers["Subject"] ?? "",
            From = AddressList.Parse(headers.Raw("From"), problems).FirstOrDefault(),
            To = AddressList.Parse(headers.Raw("To"), problems),
            Cc = AddressList.Parse(headers.Raw("Cc"), problems),
            ReplyTo = AddressList.Parse(headers.Raw("Reply-To"), problems),
            Date = date,
            MessageId = MessageIds.First(headers.Raw("Message-ID")),
            InReplyTo = MessageIds.First(headers.Raw("In-Reply-To")),
            References = MessageIds.All(headers.Raw("References")),
            TextBody = body.Text,
            HtmlBody = body.Html,
            Attachments = body.Attachments,
            IsAutoReply = AutoReplies.IsAutoReply(headers),
            DeliveryReport = DeliveryReports.Read(root, limits, problems),
            RejectionReason = rejection,
        };
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] : text;
}

/// <summary>The headers by which machines mark their mail (RFC 3834 and the older conventions still in use).</summary>
internal static class AutoReplies
{
    public static bool IsAutoReply(MailHeaders headers)
    {
        if (Token(headers["Auto-Submitted"]) is { Length: > 0 } submitted && submitted != "no") return true;
        if (Token(headers["Precedence"]) is "bulk" or "junk" or "list" or "auto_reply") return true;
        return Marked(headers["X-Autoreply"]) || Marked(headers["X-Autorespond"]);
    }

    private static bool Marked(string? value) => value is not null && Token(value) is not ("no" or "false" or "0");

    private static string? Token(string? value) =>
        value?.Split(';', 2)[0].Split('(', 2)[0].Trim().ToLowerInvariant();
}

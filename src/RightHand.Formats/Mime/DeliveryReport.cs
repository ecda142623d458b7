namespace RightHand.Formats.Mime;

/// <summary>
/// A delivery-status notification (RFC 3464, in a multipart/report; report-type=delivery-status): a bounce or a
/// delay warning. <see cref="OriginalMessageId"/> is the Message-ID of the mail that could not be delivered, when the
/// report returns its headers (text/rfc822-headers or message/rfc822) — the support desk finds the ticket by it.
/// </summary>
public sealed record DeliveryReport(string? ReportingMta, IReadOnlyList<DeliveryRecipient> Recipients, string? OriginalMessageId, string? OriginalSubject)
{
    /// <summary>Some recipient failed for good (status 5.x.x, or action "failed" without a status): do not send there again.</summary>
    public bool IsHardBounce => Recipients.Any(r => r.IsHardBounce);

    /// <summary>No recipient failed for good, but some delivery failed for now or is delayed (4.x.x).</summary>
    public bool IsSoftBounce => !IsHardBounce && Recipients.Any(r => r.IsSoftBounce);
}

/// <summary>
/// One recipient's fate in a delivery-status report. Addresses are without their type prefix ("rfc822;").
/// <see cref="Action"/> is lower-case (failed, delayed, delivered, relayed, expanded); <see cref="Status"/> is the
/// enhanced status code ("5.1.1", RFC 3463); <see cref="DiagnosticCode"/> the remote server's words ("550 5.1.1 ...").
/// </summary>
public sealed record DeliveryRecipient(string? FinalRecipient, string? OriginalRecipient, string Action, string? Status, string? DiagnosticCode, string? RemoteMta)
{
    public bool IsHardBounce => Status is { } s ? s.StartsWith('5') : Action == "failed";

    public bool IsSoftBounce => Status is { } s ? s.StartsWith('4') : Action == "delayed";
}

/// <summary>Reads the machine-readable parts of a delivery-status report.</summary>
internal static class DeliveryReports
{
    public static DeliveryReport? Read(MimeEntity root, MimeLimits limits, ProblemList problems)
    {
        var isReport = root.MediaType == "multipart/report"
            && string.Equals(root.ContentType["report-type"]?.Trim(), "delivery-status", StringComparison.OrdinalIgnoreCase);
        var status = Find(root, e => e.MediaType is "message/delivery-status" or "message/global-delivery-status");
        if (status is null)
        {
            if (isReport) problems.Add(MimeProblemCode.InvalidDeliveryStatus, "a delivery-status report without a message/delivery-status part");
            return null;
        }
        var content = status.Content(problems);
        var groups = Groups(content, limits, problems);
        if (groups.Count == 0)
        {
            problems.Add(MimeProblemCode.InvalidDeliveryStatus, "the delivery-status part is empty");
            return null;
        }
        // The per-message group has none of the recipient fields, so a report that lost it still yields its recipients.
        var recipients = groups
            .Where(g => g.Contains("Final-Recipient") || g.Contains("Original-Recipient") || g.Contains("Action"))
            .Take(limits.MaxParts)
            .Select(g => new DeliveryRecipient(
                Typed(g["Final-Recipient"]), Typed(g["Original-Recipient"]), (g["Action"] ?? "").Trim().ToLowerInvariant(),
                StatusCode(g["Status"]), Typed(g["Diagnostic-Code"]), Typed(g["Remote-MTA"])))
            .ToList();
        if (recipients.Count == 0) problems.Add(MimeProblemCode.InvalidDeliveryStatus, "no recipient in the delivery-status part");
        var returned = Find(root, e => e.MediaType is "text/rfc822-headers" or "message/rfc822" or "message/global" or "message/global-headers");
        MailHeaders? original = null;
        if (returned is not null)
        {
            var fields = HeaderReader.Read(returned.Content(problems), limits, problems, out _);
            original = new MailHeaders(fields, problems);
        }
        return new DeliveryReport(Typed(groups.Select(g => g["Reporting-MTA"]).FirstOrDefault(m => m is not null)), recipients,
            MessageIds.First(original?.Raw("Message-ID")), original?["Subject"]);
    }

    // The status part is header blocks separated by blank lines: one for the message, then one per recipient.
    private static List<MailHeaders> Groups(byte[] content, MimeLimits limits, ProblemList problems)
    {
        var groups = new List<MailHeaders>();
        var pos = 0;
        while (pos < content.Length && groups.Count <= limits.MaxParts)
        {
            var fields = HeaderReader.Read(content.AsSpan(pos), limits, problems, out var bodyStart);
            if (fields.Count > 0) groups.Add(new MailHeaders(fields, problems));
            if (bodyStart == 0)
            {
                // A line that is no field: skip it so reading moves on.
                var newline = content.AsSpan(pos).IndexOf((byte)'\n');
                bodyStart = newline < 0 ? content.Length - pos : newline + 1;
            }
            pos += bodyStart;
        }
        return groups;
    }

    private static MimeEntity? Find(MimeEntity entity, Func<MimeEntity, bool> match)
    {
        if (match(entity)) return entity;
        foreach (var child in entity.Children)
        {
            if (Find(child, match) is { } found) return found;
        }
        return null;
    }

    // "rfc822; jane@example.org" → "jane@example.org"; "smtp; 550 5.1.1 ..." → "550 5.1.1 ...".
    private static string? Typed(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        var text = (semicolon >= 0 ? value[(semicolon + 1)..] : value).Trim();
        return text.Length == 0 ? null : text;
    }

    // "5.1.1", also written "5.1.1 (bad destination mailbox address)".
    private static string? StatusCode(string? value)
    {
        var token = value?.Trim().Split(' ', 2)[0];
        if (token is null || token.Length < 5 || token[0] is not ('2' or '4' or '5') || token[1] != '.') return null;
        return token.Split('.') is { Length: 3 } parts && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)) ? token : null;
    }
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Support.Inbound;
using RightHand.Tests.Infrastructure;

namespace RightHand.Tests.Support.Inbound;

/// <summary>Mail as a mail server hands it over, and the intake taking it.</summary>
internal static class ReceivedMail
{
    public static readonly Dictionary<string, string?> Settings = new() { ["Jobs:Enabled"] = "false", ["Mail:From"] = "support@righthand.example" };

    /// <summary>A plain mail; <paramref name="headers"/> are extra header lines ("Auto-Submitted: auto-replied").</summary>
    public static byte[] Text(string from, string subject, string body, string? messageId = null, string? inReplyTo = null, params string[] headers)
    {
        var text = new StringBuilder();
        text.Append("From: " + from + "\r\nTo: support@righthand.example\r\nSubject: " + subject + "\r\nDate: Mon, 16 Nov 2026 10:00:00 +0100\r\n");
        if (messageId is not null) text.Append("Message-ID: " + messageId + "\r\n");
        if (inReplyTo is not null) text.Append("In-Reply-To: " + inReplyTo + "\r\nReferences: " + inReplyTo + "\r\n");
        foreach (var header in headers) text.Append(header).Append("\r\n");
        text.Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n").Append(body).Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A Postfix-style bounce of the mail <paramref name="originalId"/> to <paramref name="recipient"/>.</summary>
    public static byte[] Bounce(string originalId, string recipient, string status = "5.1.1", string messageId = "<bounce-1@mx.righthand.example>") =>
        Encoding.ASCII.GetBytes($"""
            From: MAILER-DAEMON@mx.righthand.example (Mail Delivery System)
            To: support@righthand.example
            Subject: Undelivered Mail Returned to Sender
            Date: Mon, 16 Nov 2026 10:05:00 +0100
            Message-ID: {messageId}
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

            --b1
            Content-Type: text/plain; charset=us-ascii

            Your message could not be delivered.

            --b1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.righthand.example

            Final-Recipient: rfc822; {recipient}
            Action: {(status.StartsWith('5') ? "failed" : "delayed")}
            Status: {status}
            Diagnostic-Code: smtp; 550 {status} User unknown

            --b1
            Content-Type: text/rfc822-headers

            From: support@righthand.example
            To: {recipient}
            Subject: [#10001] Your request
            Message-ID: {originalId}

            --b1--
            """.ReplaceLineEndings("\r\n"));

    public static async Task<IntakeResult> ReceiveAsync(TestApp app, byte[] raw)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<MailIntake>().ReceiveAsync(raw);
    }

    public static async Task<T> QueryAsync<T>(TestApp app, Func<AppDb, Task<T>> query)
    {
        await using var scope = app.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    /// <summary>The conversation of a ticket as "Kind: first line", oldest first.</summary>
    public static Task<List<string>> ConversationAsync(TestApp app, long number) => QueryAsync(app, async db =>
    {
        var id = await db.Tickets.Where(t => t.Number == number).Select(t => t.Id).SingleAsync();
        var messages = await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync();
        return messages.Select(m => $"{m.Kind}: {m.Body.Split('\n')[0]}").ToList();
    });
}

using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;

namespace RightHand.Platform.Mail;

/// <summary>SMTP settings (section <c>Mail</c>). Without a host, mail stays in the outbox.</summary>
internal sealed class MailOptions
{
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public bool StartTls { get; set; } = true;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "righthand@localhost";
    public string FromName { get; set; } = "RightHand";

    public bool SmtpConfigured => !string.IsNullOrWhiteSpace(SmtpHost);
}

/// <summary>Writes mail into the outbox and, when SMTP is configured, queues its delivery in the same save.</summary>
internal sealed class Mailer(IOptions<MailOptions> options, TimeProvider clock)
{
    public const string SendJobKind = "mail.send";

    public bool DeliversBySmtp => options.Value.SmtpConfigured;

    public Task<OutgoingMail> QueueAsync(AppDb db, string to, string? toName, string subject, string textBody, CancellationToken ct = default) =>
        QueueAsync(db, to, toName, subject, textBody, null, ct);

    /// <summary>A mail to a member: the trail seals its address and subject under the member's key, and erasing the member deletes it.</summary>
    public Task<OutgoingMail> QueueToMemberAsync(AppDb db, Guid memberId, string to, string? toName, string subject, string textBody, CancellationToken ct = default) =>
        QueueAsync(db, to, toName, subject, textBody, memberId, ct);

    private async Task<OutgoingMail> QueueAsync(AppDb db, string to, string? toName, string subject, string textBody, Guid? memberId, CancellationToken ct)
    {
        // A mail to a member's address belongs to the member even when the caller did not say so: its address must not
        // stay readable in the audit trail after the member's erasure.
        var key = to.Trim().ToLowerInvariant();
        memberId ??= await db.Members.AsNoTracking().Where(m => m.EmailKey == key).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var domain = options.Value.From.Split('@') is [_, var d] ? d : "localhost";
        var mail = new OutgoingMail
        {
            To = to, ToName = toName, Subject = subject, TextBody = textBody, CreatedAt = now, MemberId = memberId,
            MessageId = $"<{Guid.CreateVersion7():N}@{domain}>",
            State = DeliversBySmtp ? MailState.Queued : MailState.Outbox,
        };
        db.OutgoingMails.Add(mail);
        if (DeliversBySmtp) await db.EnqueueAsync(SendJobKind, new SendMailPayload(mail.Id), now, $"mail:{mail.Id}", ct);
        return mail;
    }
}

internal sealed record SendMailPayload(Guid MailId);

/// <summary>
/// Delivers one queued mail over SMTP. A mail already marked sent is skipped, so a retried job does
/// not send twice; a crash between the server's acceptance and the mark can still repeat one mail.
/// </summary>
internal sealed class SendMailJob(AppDb db, IOptions<MailOptions> options, TimeProvider clock) : IJobHandler
{
    public string Kind => Mailer.SendJobKind;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var payload = context.Payload<SendMailPayload>();
        var mail = await db.OutgoingMails.FirstOrDefaultAsync(m => m.Id == payload.MailId, ct);
        if (mail is null || mail.State == MailState.Sent) return;
        var o = options.Value;
        try
        {
            if (!o.SmtpConfigured) throw new InvalidOperationException("No SMTP server is configured (Mail:SmtpHost).");
            using var message = new MailMessage
            {
                From = new MailAddress(o.From, o.FromName),
                // A subject is one header line; MailMessage refuses line breaks with an exception.
                Subject = mail.Subject.ReplaceLineEndings(" "),
                Body = mail.TextBody,
                BodyEncoding = Encoding.UTF8,
                SubjectEncoding = Encoding.UTF8,
                HeadersEncoding = Encoding.UTF8,
            };
            message.To.Add(new MailAddress(mail.To, mail.ToName));
            message.Headers.Add("Message-ID", mail.MessageId);
            message.Headers.Add("Auto-Submitted", "auto-generated");
            using var smtp = new SmtpClient(o.SmtpHost, o.SmtpPort) { EnableSsl = o.StartTls, DeliveryMethod = SmtpDeliveryMethod.Network, Timeout = 30_000 };
            if (!string.IsNullOrEmpty(o.User)) smtp.Credentials = new NetworkCredential(o.User, o.Password);
            await smtp.SendMailAsync(message, ct);
        }
        // Any failure, not only the server's: a mail that cannot even be built (a malformed address), or
        // SMTP since removed from the settings, must end up Failed with the job's last attempt, not Queued for ever.
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            mail.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            mail.State = context.IsLastAttempt ? MailState.Failed : MailState.Queued;
            await db.SaveChangesAsync(ct);
            throw;
        }
        mail.State = MailState.Sent;
        mail.SentAt = clock.GetUtcNow().UtcDateTime;
        mail.LastError = null;
        await db.SaveChangesAsync(ct);
    }
}

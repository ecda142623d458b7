using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Mail;
using MimeMail = RightHand.Formats.Mime.MailMessage;

namespace RightHand.Support.Inbound;

/// <summary>
/// The receipt a requester gets when their mail opens a ticket ("We received your request #10234"), in the ticket's
/// language, marked Auto-Submitted: auto-replied. Two auto-responders can answer each other for ever, so a receipt is
/// never sent to an auto-reply, to a mailer daemon, to our own address, nor more than <see cref="MaxPerHour"/> times an
/// hour to one address. The owner turns receipts off on the support settings (a row of the settings table; on by default).
/// </summary>
internal sealed class MailAcknowledgements(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l, Mailer mailer, IOptions<MailOptions> options)
{
    public const string SettingKey = "support.mail_acknowledgement";
    public const int MaxPerHour = 3;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<bool> IsOnAsync(CancellationToken ct = default) =>
        await db.Settings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).FirstOrDefaultAsync(ct) != "off";

    public async Task<OperationResult> SetAsync(bool on, CancellationToken ct = default)
    {
        await db.SetSettingAsync(SettingKey, on ? "on" : "off", Now, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Queues the receipt for a ticket just opened by <paramref name="mail"/> (the caller saves); null when none may be sent.</summary>
    public async Task<OutgoingMail?> QueueAsync(Ticket ticket, MimeMail mail, string? messageId, CancellationToken ct)
    {
        if (mail.IsAutoReply || mail.DeliveryReport is not null || IsMachine(ticket.RequesterEmailKey)) return null;
        if (string.Equals(ticket.RequesterEmailKey, options.Value.From.Trim(), StringComparison.OrdinalIgnoreCase)) return null;
        if (!await IsOnAsync(ct)) return null;
        var since = Now.AddHours(-1);
        var key = ticket.RequesterEmailKey;
        // An hour's receipts are few: compared here, where case is ignored the same way on both engines.
        var recent = (await db.OutgoingMails.AsNoTracking().Where(m => m.CreatedAt >= since && m.AutoSubmitted == OutgoingMail.AutoReplied)
            .Select(m => m.To).ToListAsync(ct)).Count(to => string.Equals(to.Trim(), key, StringComparison.OrdinalIgnoreCase));
        if (recent >= MaxPerHour) return null;
        var (subject, body) = Cultures.In(ticket.Language, () => (
            $"[{ticket.Reference}] " + l["We received your request: {0}", ticket.Subject],
            l["Hello,\n\nwe received your request {0} \"{1}\" and will answer as soon as we can. If you write to us about it, please reply to this e-mail or keep {0} in the subject.\n\nThis message was sent automatically.", ticket.Reference, ticket.Subject].Value));
        return await mailer.QueueAutoReplyAsync(db, ticket.RequesterMemberId, ticket.RequesterEmail, ticket.RequesterName, subject, body,
            new MailThread(messageId, messageId), ct);
    }

    /// <summary>Addresses that only machines read: a receipt there is at best lost, at worst answered by another machine.</summary>
    private static bool IsMachine(string address)
    {
        var local = address.Split('@')[0];
        return local is "mailer-daemon" or "postmaster" or "noreply" or "no-reply" or "do-not-reply" or "donotreply" || local.StartsWith("bounce", StringComparison.Ordinal);
    }
}

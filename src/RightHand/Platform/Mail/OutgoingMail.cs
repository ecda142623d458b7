using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;
using Microsoft.Extensions.Localization;

namespace RightHand.Platform.Mail;

internal enum MailState { Outbox = 0, Queued = 1, Sent = 2, Failed = 3 }

internal static class MailStates
{
    /// <summary>
    /// A mail's state in words. The key is "Mail" + state (the bare state names are the jobs' keys); in
    /// German it is translated, but English has no resource file and would show the key, "MailOutbox".
    /// </summary>
    public static string Label(IStringLocalizer localizer, MailState state)
    {
        var text = localizer["Mail" + state];
        return !text.ResourceNotFound ? text.Value : state switch
        {
            MailState.Outbox => "In the outbox",
            MailState.Queued => "Waiting to be sent",
            MailState.Sent => "Sent",
            _ => "Failed",
        };
    }
}

/// <summary>
/// Every mail the system writes. With SMTP configured a job delivers it; without, it stays in the
/// outbox, which the owner reads in the UI, so that invitations work on a first run.
/// </summary>
internal sealed class OutgoingMail
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string To { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string MessageId { get; set; }
    public MailState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The member the mail is to, if any: the trail seals address and subject under their key, and erasure deletes the mail.</summary>
    public Guid? MemberId { get; set; }
}

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> builder)
    {
        builder.ToTable("outgoing_mails");
        builder.Property(m => m.To).HasMaxLength(254).IsPersonalData();
        builder.Property(m => m.ToName).HasMaxLength(200).IsPersonalData();
        builder.Property(m => m.Subject).HasMaxLength(500).IsPersonalData();
        builder.HasPersonalDataOwner(nameof(OutgoingMail.MemberId));
        // Bodies carry live links (invitations, later sign-up confirmations): the trail records that a mail was written, not its secrets.
        builder.Property(m => m.TextBody).IsAuditSecret();
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.HasIndex(m => m.CreatedAt);
        builder.HasIndex(m => m.MemberId);
    }
}

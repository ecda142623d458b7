using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Support.Inbound;

internal enum InboundOutcome { TicketCreated = 0, MessageAdded = 1, BounceRecorded = 2 }

/// <summary>
/// One received mail the desk took: by its Message-ID a re-delivered mail (fetchmail, a Postfix retry) is recognised
/// and adds nothing; <see cref="IsAutoReply"/> marks a machine's answer (out of office), which is threaded but never
/// acknowledged; <see cref="AcknowledgementMessageId"/> is the receipt we sent, so an answer to it finds the ticket.
/// </summary>
internal sealed class InboundMail
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>With angle brackets, as the ticket messages store it; null when the mail had none (then it cannot be recognised again).</summary>
    public string? MessageId { get; set; }
    public DateTime ReceivedAt { get; set; }
    public InboundOutcome Outcome { get; set; }
    public Guid? TicketId { get; set; }
    public bool IsAutoReply { get; set; }
    public string? AcknowledgementMessageId { get; set; }
}

internal sealed class InboundMailConfiguration : IEntityTypeConfiguration<InboundMail>
{
    public void Configure(EntityTypeBuilder<InboundMail> builder)
    {
        builder.ToTable("inbound_mails");
        builder.Property(m => m.MessageId).HasMaxLength(998);
        builder.Property(m => m.AcknowledgementMessageId).HasMaxLength(200);
        // A ticket erased with its member leaves the record of the Message-ID, so a late re-delivery still adds nothing.
        builder.HasOne<Ticket>().WithMany().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.SetNull);
        // Unique: two deliveries of one mail at the same moment cannot both be taken; the loser's retry finds the first.
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => m.AcknowledgementMessageId);
        builder.HasIndex(m => m.TicketId);
    }
}

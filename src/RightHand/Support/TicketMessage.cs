using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Support;

internal enum TicketMessageKind { FromRequester = 0, Reply = 1, InternalNote = 2 }

/// <summary>One entry of a ticket's conversation: what the requester wrote, a public reply by staff, or an internal note that is never mailed.</summary>
internal sealed class TicketMessage
{
    public const int BodyMaxLength = 100_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TicketId { get; set; }
    public TicketMessageKind Kind { get; set; }
    /// <summary>The staff person who wrote a reply or note.</summary>
    public Guid? AuthorPersonId { get; set; }
    /// <summary>The member who wrote a requester message (portal, or mail from their address).</summary>
    public Guid? AuthorMemberId { get; set; }
    /// <summary>The member whose ticket this is, copied from the ticket: the trail seals the body under their key.</summary>
    public Guid? RequesterMemberId { get; set; }
    public string? FromAddress { get; set; }
    public string? FromName { get; set; }
    /// <summary>Plain text; pages show it escaped, with its line breaks.</summary>
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The RFC 5322 Message-ID of the mail that brought it in or took it out, with angle brackets: threads are found by it.</summary>
    public string? MailMessageId { get; set; }
    public TicketChannel Channel { get; set; }
}

internal sealed class TicketMessageConfiguration : IEntityTypeConfiguration<TicketMessage>
{
    public void Configure(EntityTypeBuilder<TicketMessage> builder)
    {
        builder.ToTable("ticket_messages");
        builder.Property(m => m.FromAddress).HasMaxLength(254).IsPersonalData();
        builder.Property(m => m.FromName).HasMaxLength(200).IsPersonalData();
        builder.Property(m => m.Body).HasMaxLength(TicketMessage.BodyMaxLength).IsPersonalData();
        builder.Property(m => m.MailMessageId).HasMaxLength(998);
        builder.HasPersonalDataOwner(nameof(TicketMessage.RequesterMemberId));
        builder.HasOne<Ticket>().WithMany().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
        // The conversation in order, and an incoming mail's In-Reply-To found among a million messages.
        builder.HasIndex(m => new { m.TicketId, m.CreatedAt });
        builder.HasIndex(m => m.MailMessageId);
    }
}

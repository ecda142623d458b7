using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Support;

/// <summary>A free label on a ticket ("refund", "bug-login"); the list filters by it.</summary>
internal sealed class TicketTag
{
    public const int MaxLength = 60;

    public Guid TicketId { get; set; }
    public required string Tag { get; set; }
}

internal sealed class TicketTagConfiguration : IEntityTypeConfiguration<TicketTag>
{
    public void Configure(EntityTypeBuilder<TicketTag> builder)
    {
        builder.ToTable("ticket_tags");
        builder.HasKey(t => new { t.TicketId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(TicketTag.MaxLength);
        // The tag filter finds the tickets of a tag without touching the others' rows.
        builder.HasIndex(t => new { t.Tag, t.TicketId });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Support;

/// <summary>A named filter of the ticket list that one person saved for themselves ("Urgent billing").</summary>
internal sealed class SavedTicketView
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public required string Name { get; set; }
    /// <summary>The list's query string, as <see cref="TicketFilter.ToQuery"/> writes it: the view is a link.</summary>
    public required string Query { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class SavedTicketViewConfiguration : IEntityTypeConfiguration<SavedTicketView>
{
    public void Configure(EntityTypeBuilder<SavedTicketView> builder)
    {
        builder.ToTable("saved_ticket_views");
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.Property(v => v.Query).HasMaxLength(1000);
        builder.HasIndex(v => new { v.PersonId, v.Name }).IsUnique();
    }
}

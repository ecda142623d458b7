using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Members;

/// <summary>A named filter of the member list that one person saved for themselves ("Active VIPs in Berlin").</summary>
internal sealed class SavedMemberView
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public required string Name { get; set; }
    /// <summary>The list's query string, as <see cref="MemberFilter.ToQuery"/> writes it: the view is a link.</summary>
    public required string Query { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class SavedMemberViewConfiguration : IEntityTypeConfiguration<SavedMemberView>
{
    public void Configure(EntityTypeBuilder<SavedMemberView> builder)
    {
        builder.ToTable("saved_member_views");
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.Property(v => v.Query).HasMaxLength(1000);
        builder.HasIndex(v => new { v.PersonId, v.Name }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Audit;

/// <summary>
/// One line of the audit trail. Entries are append-only (database triggers refuse UPDATE and DELETE)
/// and chained: <see cref="Hash"/> covers every field and the previous entry's hash, so that an edit
/// or deletion anywhere breaks the chain from that entry on (<see cref="AuditChain.Verify"/>).
/// </summary>
internal sealed class AuditEntry
{
    /// <summary>Position in the chain, 1-based and without gaps.</summary>
    public long Seq { get; set; }
    public DateTime At { get; set; }
    public Guid? ActorPersonId { get; set; }
    public Guid? ActorTokenId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string Module { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    /// <summary>
    /// JSON object: field → {"old":…, "new":…}; secrets appear by name only, never by value; a member's personal values
    /// are sealed under the member's key (<see cref="PersonalData"/>) and read through <see cref="AuditChanges"/>.
    /// </summary>
    public required string Changes { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Seq);
        builder.Property(e => e.Seq).ValueGeneratedNever();
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(60);
        builder.Property(e => e.Module).HasMaxLength(40);
        builder.Property(e => e.EntityType).HasMaxLength(80);
        builder.Property(e => e.EntityId).HasMaxLength(80);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => e.ActorPersonId);
        builder.HasIndex(e => new { e.Module, e.At });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Members;

/// <summary>
/// A consent given or withdrawn, as a record and never a bare flag: GDPR asks who agreed to which wording,
/// when and how. The latest record of a kind is the member's current answer.
/// </summary>
internal sealed class ConsentRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MemberId { get; set; }
    /// <summary>What the consent is for, e.g. "newsletter".</summary>
    public required string Kind { get; set; }
    public bool Granted { get; set; }
    public DateTime At { get; set; }
    /// <summary>How it reached us: "staff" when recorded on the member page; later the portal and the import.</summary>
    public required string Source { get; set; }
    public required string WordingVersion { get; set; }
    public Guid? RecordedBy { get; set; }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.ToTable("consent_records");
        builder.Property(c => c.Kind).HasMaxLength(60);
        builder.Property(c => c.Source).HasMaxLength(40);
        builder.Property(c => c.WordingVersion).HasMaxLength(40);
        builder.HasIndex(c => new { c.MemberId, c.At });
    }
}

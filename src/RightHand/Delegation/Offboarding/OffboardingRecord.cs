using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Delegation.Offboarding;

/// <summary>
/// A person handed over and signed out for good. The report is kept as it was written at that moment:
/// afterwards the person holds nothing any more, so it could not be written again.
/// </summary>
internal sealed class OffboardingRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Guid SuccessorId { get; set; }
    public Guid OffboardedBy { get; set; }
    public DateTime At { get; set; }
    public int ItemsReassigned { get; set; }
    /// <summary>The handover report, Markdown.</summary>
    public required string Report { get; set; }
}

internal sealed class OffboardingRecordConfiguration : IEntityTypeConfiguration<OffboardingRecord>
{
    public void Configure(EntityTypeBuilder<OffboardingRecord> builder)
    {
        builder.ToTable("offboarding_records");
        builder.HasIndex(r => new { r.PersonId, r.At });
    }
}

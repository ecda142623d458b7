using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Delegation.Reviews;

/// <summary>
/// The owner's look after the fact at an item that went out without one (spot-checked or trial work):
/// three scores from 1 to 5 and a comment the person who did the work reads as feedback.
/// </summary>
internal sealed class SpotCheckReview
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ApprovalRequestId { get; set; }
    public Guid ReviewedBy { get; set; }
    public int Correctness { get; set; }
    public int Tone { get; set; }
    public int Completeness { get; set; }
    public string? Comment { get; set; }
    /// <summary>From opening the item to scoring it, capped like every review (see <see cref="ReviewTime"/>).</summary>
    public int ReviewSeconds { get; set; }
    public DateTime At { get; set; }

    public double Average => (Correctness + Tone + Completeness) / 3.0;
}

internal sealed class SpotCheckReviewConfiguration : IEntityTypeConfiguration<SpotCheckReview>
{
    public void Configure(EntityTypeBuilder<SpotCheckReview> builder)
    {
        builder.ToTable("spot_check_reviews");
        builder.Property(r => r.Comment).HasMaxLength(4000);
        builder.HasIndex(r => r.ApprovalRequestId).IsUnique();
        builder.HasIndex(r => r.At);
        builder.Ignore(r => r.Average);
    }
}

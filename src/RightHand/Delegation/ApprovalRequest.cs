using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Delegation;

internal enum ApprovalState { Pending = 0, Approved = 1, ChangesRequested = 2, Voided = 3, AutoApproved = 4 }

/// <summary>
/// One version of one delegated item waiting for, or having got, a decision. The content hash pins the
/// version: an approval is valid only for exactly the content that was approved.
/// </summary>
internal sealed class ApprovalRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string WorkTypeKey { get; set; }
    /// <summary>The asking module and its own id for the item (a campaign id, a run id, …).</summary>
    public required string Module { get; set; }
    public required string ItemId { get; set; }
    public required string Title { get; set; }
    /// <summary>What the approver reads: the output itself, as text.</summary>
    public required string Preview { get; set; }
    public required string ContentHash { get; set; }
    public long? AmountCents { get; set; }
    public Guid PreparedBy { get; set; }
    public ApprovalState State { get; set; }
    /// <summary>Approved without a look (autonomy) but drawn for a review after the fact.</summary>
    public bool SampledForReview { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Comment { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Trial work: reviewed with scores whatever the autonomy level.</summary>
    public bool AlwaysReview { get; set; }
    /// <summary>The decider's time on this item (capped); what control costs.</summary>
    public int? ReviewSeconds { get; set; }
    /// <summary>The member the item is about (a reply to their ticket): its text is that member's personal data, sealed in the trail under their key.</summary>
    public Guid? SubjectMemberId { get; set; }

    public bool IsApproved => State is ApprovalState.Approved or ApprovalState.AutoApproved;
}

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> builder)
    {
        builder.ToTable("approval_requests");
        builder.Property(a => a.WorkTypeKey).HasMaxLength(60);
        builder.Property(a => a.Module).HasMaxLength(40);
        builder.Property(a => a.ItemId).HasMaxLength(100);
        builder.Property(a => a.Title).HasMaxLength(300).IsPersonalData();
        builder.Property(a => a.Preview).IsPersonalData();
        builder.HasPersonalDataOwner(nameof(ApprovalRequest.SubjectMemberId));
        builder.Property(a => a.ContentHash).HasMaxLength(64);
        builder.Property(a => a.Comment).HasMaxLength(4000);
        builder.HasIndex(a => new { a.Module, a.ItemId, a.State });
        // Added to a table with rows: the database fills older requests with false.
        builder.Property(a => a.AlwaysReview).HasDefaultValue(false);
        builder.HasIndex(a => new { a.State, a.CreatedAt });
        builder.HasIndex(a => new { a.PreparedBy, a.DecidedAt });
        builder.HasIndex(a => a.SubjectMemberId);
    }
}

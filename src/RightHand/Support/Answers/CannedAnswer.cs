using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Support.Answers;

public enum CannedAnswerState { Draft = 0, WaitingForApproval = 1, Approved = 2, ChangesRequested = 3 }

/// <summary>
/// A canned answer ("scheme X"): a reply in one language with merge fields, written once and used on many tickets.
/// The working copy (<see cref="Title"/>, <see cref="Body"/>, …) is what its author edits; only an approved version is
/// <em>live</em> (<see cref="LiveBody"/>, …) and used on tickets or shown in the portal's FAQ, so an edit waiting for
/// the owner never replaces the answer in use.
/// </summary>
internal sealed class CannedAnswer
{
    public const int TitleMax = 120;
    public const int BodyMax = 20_000;
    public const int CategoryMax = 80;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Language { get; set; }
    public required string Title { get; set; }
    public string? Category { get; set; }
    public required string Body { get; set; }
    /// <summary>Members may read it in the portal's FAQ (and are offered it while they write a ticket).</summary>
    public bool InFaq { get; set; }
    public CannedAnswerState State { get; set; }
    /// <summary>The reviewer's comment when changes were requested.</summary>
    public string? ReviewComment { get; set; }

    public string? LiveTitle { get; set; }
    public string? LiveCategory { get; set; }
    public string? LiveBody { get; set; }
    public bool LiveInFaq { get; set; }
    public DateTime? ApprovedAt { get; set; }
    /// <summary>When someone last confirmed the answer is still right (approval, or "still correct").</summary>
    public DateTime? LastReviewedAt { get; set; }

    public int UsageCount { get; set; }
    /// <summary>Members who read it in the portal instead of opening a ticket ("this answered my question").</summary>
    public int Deflections { get; set; }
    public bool Archived { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool IsLive => LiveBody is not null && !Archived;
}

internal sealed class CannedAnswerConfiguration : IEntityTypeConfiguration<CannedAnswer>
{
    public void Configure(EntityTypeBuilder<CannedAnswer> builder)
    {
        builder.ToTable("canned_answers");
        builder.Property(a => a.Language).HasMaxLength(2);
        builder.Property(a => a.Title).HasMaxLength(CannedAnswer.TitleMax);
        builder.Property(a => a.Category).HasMaxLength(CannedAnswer.CategoryMax);
        builder.Property(a => a.Body).HasMaxLength(CannedAnswer.BodyMax);
        builder.Property(a => a.ReviewComment).HasMaxLength(4000);
        builder.Property(a => a.LiveTitle).HasMaxLength(CannedAnswer.TitleMax);
        builder.Property(a => a.LiveCategory).HasMaxLength(CannedAnswer.CategoryMax);
        builder.Property(a => a.LiveBody).HasMaxLength(CannedAnswer.BodyMax);
        // Counted on every use; the use itself is audited where it happens (the ticket's reply).
        builder.Property(a => a.UsageCount).IsNotAudited();
        builder.Property(a => a.Deflections).IsNotAudited();
        builder.HasIndex(a => new { a.Language, a.LiveTitle });
    }
}

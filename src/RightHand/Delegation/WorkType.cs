using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Delegation;

/// <summary>How much checking a kind of delegated work gets. Trust is earned: every kind starts at <see cref="ApproveEach"/>.</summary>
internal enum AutonomyLevel { ApproveEach = 0, SpotChecked = 1, Autonomous = 2 }

/// <summary>
/// A kind of delegated output (a newsletter, a payment file, a task's result, …) and its autonomy
/// level. Modules name their work types by key; the owner sets levels, the record of approvals
/// earns promotions. Money work types always need a second person above the owner's threshold.
/// </summary>
internal sealed class WorkType
{
    public required string Key { get; set; }
    public bool IsMoney { get; set; }
    public AutonomyLevel Level { get; set; }
    /// <summary>Share of finished items sampled for review when spot-checked (percent, default 20).</summary>
    public int SampleRatePercent { get; set; } = 20;
    /// <summary>Approvals in a row without requested changes after which the owner is offered the promotion.</summary>
    public int PromotionThreshold { get; set; } = 10;
    public int ApprovalsInARow { get; set; }
    public bool PromotionOffered { get; set; }
    /// <summary>For money: amounts above this (cents) need a second person's approval whatever the level.</summary>
    public long FourEyesAboveCents { get; set; }
}

/// <summary>One change of a work type's level: kept for ever, so the owner sees how trust grew or fell.</summary>
internal sealed class AutonomyChange
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string WorkTypeKey { get; set; }
    public AutonomyLevel From { get; set; }
    public AutonomyLevel To { get; set; }
    /// <summary>"set by owner", "promotion accepted", "changes requested".</summary>
    public required string Reason { get; set; }
    public Guid? ChangedBy { get; set; }
    public DateTime At { get; set; }
}

internal sealed class WorkTypeConfiguration : IEntityTypeConfiguration<WorkType>
{
    public void Configure(EntityTypeBuilder<WorkType> builder)
    {
        builder.ToTable("work_types");
        builder.HasKey(w => w.Key);
        builder.Property(w => w.Key).HasMaxLength(60);
    }
}

internal sealed class AutonomyChangeConfiguration : IEntityTypeConfiguration<AutonomyChange>
{
    public void Configure(EntityTypeBuilder<AutonomyChange> builder)
    {
        builder.ToTable("autonomy_changes");
        builder.Property(c => c.WorkTypeKey).HasMaxLength(60);
        builder.Property(c => c.Reason).HasMaxLength(100);
        builder.HasIndex(c => new { c.WorkTypeKey, c.At });
    }
}

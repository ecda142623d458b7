using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Members;

internal enum BillingInterval { Monthly = 0, Quarterly = 1, Yearly = 2 }

/// <summary>A membership plan the owner offers: its fee per interval.</summary>
internal sealed class MembershipPlan
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public long FeeCents { get; set; }
    public BillingInterval Interval { get; set; }
}

internal sealed class MembershipPlanConfiguration : IEntityTypeConfiguration<MembershipPlan>
{
    public void Configure(EntityTypeBuilder<MembershipPlan> builder)
    {
        builder.ToTable("membership_plans");
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.HasIndex(p => p.Name).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Delegation.Decisions;

/// <summary>One version of a decision's title and text, with who changed it, when and why.</summary>
internal sealed class DecisionVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DecisionId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }
    /// <summary>Why it changed; required for every change after the decision was agreed.</summary>
    public string? Reason { get; set; }
    public Guid AuthorId { get; set; }
    public DateTime At { get; set; }
    /// <summary>Made in the last 24 hours before the event.</summary>
    public bool LateChange { get; set; }
}

internal sealed class DecisionVersionConfiguration : IEntityTypeConfiguration<DecisionVersion>
{
    public void Configure(EntityTypeBuilder<DecisionVersion> builder)
    {
        builder.ToTable("decision_versions");
        builder.Property(v => v.Title).HasMaxLength(300);
        builder.Property(v => v.Text).HasMaxLength(20000);
        builder.Property(v => v.Reason).HasMaxLength(2000);
        builder.HasIndex(v => new { v.DecisionId, v.Number }).IsUnique();
    }
}

/// <summary>A participant agreed to one version; an agreement to an earlier version does not count for a later one.</summary>
internal sealed class DecisionAgreement
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DecisionId { get; set; }
    public int Version { get; set; }
    public Guid PersonId { get; set; }
    public DateTime At { get; set; }
}

internal sealed class DecisionAgreementConfiguration : IEntityTypeConfiguration<DecisionAgreement>
{
    public void Configure(EntityTypeBuilder<DecisionAgreement> builder)
    {
        builder.ToTable("decision_agreements");
        builder.HasIndex(a => new { a.DecisionId, a.Version, a.PersonId }).IsUnique();
    }
}

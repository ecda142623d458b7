using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Delegation.Decisions;

/// <summary>
/// Proposed: not every participant has agreed to the current version yet. Agreed: all have.
/// ChangedAfterAgreement: it was agreed, then changed; the participants agree to the new version again.
/// </summary>
internal enum DecisionState { Proposed = 0, Agreed = 1, ChangedAfterAgreement = 2 }

/// <summary>
/// A plan or decision that the people involved agree to. Title and text are the current version's,
/// kept here so the list needs no join; every version, with its reason, is in <see cref="DecisionVersion"/>.
/// </summary>
internal sealed class Decision
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public required string Text { get; set; }
    /// <summary>When the planned thing happens (a webinar, a mailing), if it has a date.</summary>
    public DateTime? EventAt { get; set; }
    public DecisionState State { get; set; }
    public int CurrentVersion { get; set; } = 1;
    /// <summary>Set once any change was made in the last 24 hours before the event: the list shows it in red.</summary>
    public bool HasLateChange { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastChangedAt { get; set; }
    public DateTime? AgreedAt { get; set; }

    public static readonly TimeSpan LateWindow = TimeSpan.FromHours(24);

    /// <summary>Whether a change at <paramref name="now"/> falls in the last 24 hours before the event.</summary>
    public bool IsLate(DateTime now) => EventAt is { } at && now <= at && at - now <= LateWindow;
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.ToTable("decisions");
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.Property(d => d.Text).HasMaxLength(20000);
        builder.HasIndex(d => d.EventAt);
    }
}

/// <summary>Someone who has to agree to a decision.</summary>
internal sealed class DecisionParticipant
{
    public Guid DecisionId { get; set; }
    public Guid PersonId { get; set; }
}

internal sealed class DecisionParticipantConfiguration : IEntityTypeConfiguration<DecisionParticipant>
{
    public void Configure(EntityTypeBuilder<DecisionParticipant> builder)
    {
        builder.ToTable("decision_participants");
        builder.HasKey(p => new { p.DecisionId, p.PersonId });
        builder.HasIndex(p => p.PersonId);
    }
}

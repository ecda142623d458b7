using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Access;

/// <summary>
/// An invitation by e-mail: the link carries a random token of which only the hash is stored; it
/// works once and for seven days, and the invitee chooses their own password.
/// </summary>
internal sealed class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Email { get; set; }
    public required string Role { get; set; }
    public string Language { get; set; } = "de";
    public required string TokenHash { get; set; }
    public Guid? InvitedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public Guid? PersonId { get; set; }
    public DateTime? WithdrawnAt { get; set; }

    public bool IsOpen(DateTime now) => AcceptedAt is null && WithdrawnAt is null && ExpiresAt > now;
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Email).HasMaxLength(254);
        builder.Property(i => i.Role).HasMaxLength(20);
        builder.Property(i => i.Language).HasMaxLength(5);
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsAuditSecret();
        builder.HasIndex(i => i.TokenHash).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Access;

/// <summary>
/// One signed-in browser. The cookie carries only the session's id; every request checks that the
/// session and its person are still live, so revoking either takes effect on the very next click.
/// </summary>
internal sealed class UserSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? EndedReason { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("user_sessions");
        builder.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.PersonId, s.EndedAt });
        builder.Property(s => s.IpAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(300).IsNotAudited();
        builder.Property(s => s.EndedReason).HasMaxLength(100);
        builder.Property(s => s.LastSeenAt).IsNotAudited();
    }
}

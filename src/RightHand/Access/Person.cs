using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Access;

/// <summary>
/// Someone who signs in: staff (owner, assistant, IT, accountant) or, later, a member or shareholder
/// in the portal. Everyone chooses their own password; nobody can read or set another's.
/// </summary>
internal sealed class Person
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string Role { get; set; }
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public bool TwoFactorEnabled { get; set; }
    public string? AuthenticatorKey { get; set; }
    /// <summary>Unused recovery codes, separated by ';' (Identity's own format for this store).</summary>
    public string? RecoveryCodes { get; set; }
    public int AccessFailedCount { get; set; }
    public DateTime? LockoutEndUtc { get; set; }
    /// <summary>The language the person chose for the staff area and for mail to them ("de" or "en").</summary>
    public string Language { get; set; } = "de";
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public Guid? RevokedBy { get; set; }

    public bool IsActive => RevokedAt is null;
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.NormalizedEmail).HasMaxLength(254);
        builder.HasIndex(p => p.NormalizedEmail).IsUnique();
        builder.Property(p => p.Role).HasMaxLength(20);
        builder.Property(p => p.Language).HasMaxLength(5);
        builder.Property(p => p.PasswordHash).HasMaxLength(200).IsAuditSecret();
        builder.Property(p => p.SecurityStamp).HasMaxLength(64).IsAuditSecret();
        builder.Property(p => p.AuthenticatorKey).HasMaxLength(100).IsAuditSecret();
        builder.Property(p => p.RecoveryCodes).HasMaxLength(1000).IsAuditSecret();
        // Failed attempts are audited as sign-in events; the counter itself would only repeat them.
        builder.Property(p => p.AccessFailedCount).IsNotAudited();
    }
}

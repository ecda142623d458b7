using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Access;

/// <summary>
/// A WebAuthn credential (passkey) a person registered: their device keeps the private key, we keep the
/// public key and verify its signature at sign-in. The fields are those of Identity's
/// <see cref="UserPasskeyInfo"/>, plus the name the person gave it and when it was last used.
/// </summary>
internal sealed class Passkey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    /// <summary>The authenticator's id for the credential (at most 1023 bytes by the WebAuthn spec); unique across everyone.</summary>
    public required byte[] CredentialId { get; set; }
    /// <summary>COSE-encoded public key.</summary>
    public required byte[] PublicKey { get; set; }
    public string? Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    /// <summary>The authenticator's signature counter (a uint in WebAuthn; long so PostgreSQL stores it as bigint, not xid).</summary>
    public long SignCount { get; set; }
    /// <summary>Transport hints ("internal", "usb", "hybrid", …) separated by ','.</summary>
    public string? Transports { get; set; }
    public bool IsUserVerified { get; set; }
    public bool IsBackupEligible { get; set; }
    public bool IsBackedUp { get; set; }
    public required byte[] AttestationObject { get; set; }
    public required byte[] ClientDataJson { get; set; }

    public UserPasskeyInfo ToInfo() =>
        new(CredentialId, PublicKey, new DateTimeOffset(CreatedAt, TimeSpan.Zero), (uint)SignCount,
            Transports?.Split(',', StringSplitOptions.RemoveEmptyEntries), IsUserVerified, IsBackupEligible, IsBackedUp,
            AttestationObject, ClientDataJson)
        { Name = Name };
}

internal sealed class PasskeyConfiguration : IEntityTypeConfiguration<Passkey>
{
    public void Configure(EntityTypeBuilder<Passkey> builder)
    {
        builder.ToTable("passkeys");
        builder.HasOne(p => p.Person).WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.CredentialId).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Transports).HasMaxLength(200);
        // Key material stays out of the audit trail: the trail says a passkey was added or removed, not its bytes.
        builder.Property(p => p.CredentialId).IsAuditSecret();
        builder.Property(p => p.PublicKey).IsAuditSecret();
        builder.Property(p => p.AttestationObject).IsAuditSecret();
        builder.Property(p => p.ClientDataJson).IsAuditSecret();
        // These change with every sign-in, which the trail already records as "signed_in".
        builder.Property(p => p.SignCount).IsNotAudited();
        builder.Property(p => p.LastUsedAt).IsNotAudited();
        builder.Property(p => p.IsBackedUp).IsNotAudited();
        builder.Property(p => p.IsUserVerified).IsNotAudited();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Portal;

/// <summary>
/// A member's way into the portal. It is not a staff <see cref="Access.Person"/>: it opens only the portal, under
/// its own cookie, and knows nothing but its member. The member's language and contact data stay on the member
/// record, so the register, the mails and the portal never disagree.
/// </summary>
internal sealed class PortalAccount
{
    /// <summary>Wrong passwords in a row before the account waits <see cref="LockTime"/>.</summary>
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockTime = TimeSpan.FromMinutes(15);

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MemberId { get; set; }
    /// <summary>Null until the member chose a password (a member may also only ever use sign-in links).</summary>
    public string? PasswordHash { get; set; }
    /// <summary>Changes with every password change; a cookie issued before carries the old one and stops working.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    /// <summary>When a link mailed to the member's address was used: the address is theirs.</summary>
    public DateTime? EmailConfirmedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
    public int FailedSignIns { get; set; }
    public DateTime? LockedUntil { get; set; }

    public bool IsLocked(DateTime now) => LockedUntil > now;
}

internal sealed class PortalAccountConfiguration : IEntityTypeConfiguration<PortalAccount>
{
    public void Configure(EntityTypeBuilder<PortalAccount> builder)
    {
        builder.ToTable("portal_accounts");
        builder.HasIndex(a => a.MemberId).IsUnique();
        builder.Property(a => a.PasswordHash).HasMaxLength(200).IsAuditSecret();
        builder.Property(a => a.SecurityStamp).HasMaxLength(64).IsAuditSecret();
        builder.Property(a => a.LastSignInAt).IsNotAudited();
        builder.Property(a => a.FailedSignIns).IsNotAudited();
    }
}

internal enum PortalLinkPurpose { Invitation = 0, SignIn = 1, PasswordReset = 2, Registration = 3 }

/// <summary>
/// A link mailed to a member: an invitation, a sign-in link, a password reset or the confirmation of a
/// self-registration. Only the hash of its random token is stored; it works once and until it expires.
/// A registration of an address the register does not know has no member yet, only the address.
/// </summary>
internal sealed class PortalLink
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(14);
    public static readonly TimeSpan SignInLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan RegistrationLifetime = TimeSpan.FromDays(1);

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? MemberId { get; set; }
    /// <summary>Only for a registration of an unknown address: where the confirmation went.</summary>
    public string? Email { get; set; }
    public PortalLinkPurpose Purpose { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    /// <summary>The staff person who sent an invitation; null for links the member asked for.</summary>
    public Guid? CreatedBy { get; set; }

    public bool IsOpen(DateTime now) => UsedAt is null && ExpiresAt > now;

    public static TimeSpan LifetimeOf(PortalLinkPurpose purpose) => purpose switch
    {
        PortalLinkPurpose.Invitation => InvitationLifetime,
        PortalLinkPurpose.SignIn => SignInLifetime,
        PortalLinkPurpose.PasswordReset => ResetLifetime,
        _ => RegistrationLifetime,
    };
}

internal sealed class PortalLinkConfiguration : IEntityTypeConfiguration<PortalLink>
{
    public void Configure(EntityTypeBuilder<PortalLink> builder)
    {
        builder.ToTable("portal_links");
        // A registration's address may belong to nobody in the register yet, so no member key can seal it: it stays out of the trail.
        builder.Property(l => l.Email).HasMaxLength(254).IsAuditSecret();
        builder.Property(l => l.TokenHash).HasMaxLength(64).IsAuditSecret();
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.MemberId, l.Purpose });
    }
}

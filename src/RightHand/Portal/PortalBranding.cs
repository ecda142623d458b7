using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Portal;

/// <summary>
/// The logo the portal shows, kept in the database so that a backup is one thing. There is one; a new upload
/// replaces it. Only PNG and JPEG: an SVG can carry script.
/// </summary>
internal sealed class PortalLogo
{
    public const int MaxBytes = 512 * 1024;
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    /// <summary>SHA-256 of the content: the trail records which file it was, and the address carries it so a new logo is fetched at once.</summary>
    public required string Sha256 { get; set; }
    public DateTime UploadedAt { get; set; }
}

internal sealed class PortalLogoConfiguration : IEntityTypeConfiguration<PortalLogo>
{
    public void Configure(EntityTypeBuilder<PortalLogo> builder)
    {
        builder.ToTable("portal_logos");
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.ContentType).HasMaxLength(40);
        builder.Property(l => l.Sha256).HasMaxLength(64);
        // Half a megabyte of image does not belong in the trail; its hash does.
        builder.Property(l => l.Content).IsNotAudited();
    }
}

/// <summary>
/// A consent the owner offers in the portal (e.g. the newsletter), in one wording version. Changing the wording
/// adds a new version; a member's answer records the version they saw.
/// </summary>
internal sealed class ConsentOffer
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Kind { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }
    public required string Wording { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class ConsentOfferConfiguration : IEntityTypeConfiguration<ConsentOffer>
{
    public void Configure(EntityTypeBuilder<ConsentOffer> builder)
    {
        builder.ToTable("consent_offers");
        builder.Property(o => o.Kind).HasMaxLength(60);
        builder.Property(o => o.Title).HasMaxLength(200);
        builder.Property(o => o.Wording).HasMaxLength(4000);
        builder.HasIndex(o => new { o.Kind, o.Version }).IsUnique();
    }
}

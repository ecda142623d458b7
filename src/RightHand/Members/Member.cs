using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Members;

internal enum MemberStatus { Prospect = 0, Active = 1, Paused = 2, Cancelled = 3 }

/// <summary>
/// A member of the business. The number is the prefix at the time of joining plus a sequence that only
/// grows, so a number once given is never given again even if the prefix changes.
/// </summary>
internal sealed class Member
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public long Sequence { get; set; }
    public required string Number { get; set; }
    public string? Salutation { get; set; }
    public string? FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Company { get; set; }
    public required string Email { get; set; }
    /// <summary>The e-mail in lower case: uniqueness and search ignore case, and an index on a plain column works on both engines.</summary>
    public required string EmailKey { get; set; }
    /// <summary>First name, last name and company in lower case, for a search that ignores case the same way on both engines.</summary>
    public string NameKey { get; set; } = "";
    public string? Phone { get; set; }
    public string Language { get; set; } = "de";
    public string? Street { get; set; }
    public string? Postcode { get; set; }
    public string? City { get; set; }
    /// <summary>ISO 3166 two-letter code, upper case.</summary>
    public string? Country { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public MemberStatus Status { get; set; }
    public DateTime StatusSince { get; set; }
    public Guid? PlanId { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When the member's personal data was erased (GDPR Art. 17); the row stays as a pseudonym for retained records.</summary>
    public DateTime? ErasedAt { get; set; }

    public string FullName => string.IsNullOrEmpty(FirstName) ? LastName : $"{FirstName} {LastName}";
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.ToTable("members");
        builder.Property(m => m.Number).HasMaxLength(40);
        builder.Property(m => m.Salutation).HasMaxLength(40).IsPersonalData();
        builder.Property(m => m.FirstName).HasMaxLength(100).IsPersonalData();
        builder.Property(m => m.LastName).HasMaxLength(100).IsPersonalData();
        builder.Property(m => m.Company).HasMaxLength(200).IsPersonalData();
        builder.Property(m => m.Email).HasMaxLength(254).IsPersonalData();
        builder.Property(m => m.EmailKey).HasMaxLength(254).IsPersonalData();
        builder.Property(m => m.NameKey).HasMaxLength(410).IsPersonalData();
        builder.Property(m => m.Phone).HasMaxLength(50).IsPersonalData();
        builder.Property(m => m.Language).HasMaxLength(2);
        builder.Property(m => m.Street).HasMaxLength(200).IsPersonalData();
        builder.Property(m => m.Postcode).HasMaxLength(20).IsPersonalData();
        builder.Property(m => m.City).HasMaxLength(100).IsPersonalData();
        builder.Property(m => m.Country).HasMaxLength(2).IsPersonalData();
        builder.Property(m => m.Notes).HasMaxLength(4000).IsPersonalData();
        builder.Property(m => m.DateOfBirth).IsPersonalData();
        // The audit trail seals these fields under the member's own key, so erasure can make them unreadable there too.
        builder.HasPersonalDataOwner(nameof(Member.Id));
        builder.Ignore(m => m.FullName);
        // The list searches, filters and sorts by these; it must stay fast with a million members.
        builder.HasIndex(m => m.Sequence).IsUnique();
        builder.HasIndex(m => m.Number).IsUnique();
        builder.HasIndex(m => m.EmailKey).IsUnique();
        builder.HasIndex(m => new { m.LastName, m.FirstName });
        builder.HasIndex(m => new { m.Status, m.Id });
        // The list sorted by status reads this in order instead of sorting every match (plan + status order: 300 → 9 ms at 1M).
        builder.HasIndex(m => new { m.Status, m.Sequence });
        builder.HasIndex(m => m.PlanId);
        builder.HasIndex(m => m.CreatedAt);
        // The sync API pages through changes since a time.
        builder.HasIndex(m => new { m.UpdatedAt, m.Id });
    }
}

/// <summary>One step in a member's status history: the member page lists when they joined, paused or left.</summary>
internal sealed class MemberStatusChange
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MemberId { get; set; }
    public MemberStatus? From { get; set; }
    public MemberStatus To { get; set; }
    public DateTime At { get; set; }
    public Guid? By { get; set; }
}

internal sealed class MemberStatusChangeConfiguration : IEntityTypeConfiguration<MemberStatusChange>
{
    public void Configure(EntityTypeBuilder<MemberStatusChange> builder)
    {
        builder.ToTable("member_status_changes");
        builder.HasIndex(c => new { c.MemberId, c.At });
    }
}

/// <summary>A free label on a member ("VIP", "Speaker 2026"); the list filters by it.</summary>
internal sealed class MemberTag
{
    public required Guid MemberId { get; set; }
    /// <summary>
    /// The member's <see cref="Member.Sequence"/> (given once, never changed), so that the tag's index lists its members in
    /// the list's default order: page 20 of a tag is a range of that index, not a walk along all members probing each.
    /// </summary>
    public required long MemberSequence { get; set; }
    public required string Tag { get; set; }
    /// <summary>
    /// Copies of the member's names, so that the tag's index lists its members in name order: a frequent tag sorted by name
    /// is then a range of that index, not a walk along all members in name order probing each for the tag (1 s at a
    /// million members when the tag's members sort late). The database keeps them equal to the member's (triggers of
    /// migration 0034), whichever way a name changes.
    /// </summary>
    public required string LastName { get; set; }
    public string? FirstName { get; set; }

    public static MemberTag Of(Member member, string tag) =>
        new() { MemberId = member.Id, MemberSequence = member.Sequence, Tag = tag, LastName = member.LastName, FirstName = member.FirstName };
}

internal sealed class MemberTagConfiguration : IEntityTypeConfiguration<MemberTag>
{
    public void Configure(EntityTypeBuilder<MemberTag> builder)
    {
        builder.ToTable("member_tags");
        builder.HasKey(t => new { t.MemberId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(60).IsPersonalData();
        // The names are the member's, audited there; here they are only the list's sort key.
        builder.Property(t => t.LastName).HasMaxLength(100).IsPersonalData().IsNotAudited();
        builder.Property(t => t.FirstName).HasMaxLength(100).IsPersonalData().IsNotAudited();
        builder.HasPersonalDataOwner(nameof(MemberTag.MemberId));
        // The tag filter finds the members of a tag without touching the others' rows: along the ids (to merge with the
        // status and custom value indexes), or in member number order (the list's default order: a deep page is a range).
        builder.HasIndex(t => new { t.Tag, t.MemberId });
        builder.HasIndex(t => new { t.Tag, t.MemberSequence }).IsUnique();
        // The member id last: a page in name order needs nothing else from the tag's rows to join the members.
        builder.HasIndex(t => new { t.Tag, t.LastName, t.FirstName, t.MemberSequence, t.MemberId }, "ix_member_tags_tag_name_order");
    }
}

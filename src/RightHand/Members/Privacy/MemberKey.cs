using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Members.Privacy;

/// <summary>
/// A member's data key (random, 256 bits): the audit trail seals the member's personal values with it
/// (<see cref="PersonalData"/>). Erasure deletes the key, which leaves those values unreadable for good
/// without touching the hash chain. The recorder creates the key with the first personal value it seals.
/// </summary>
internal sealed class MemberKey
{
    public Guid MemberId { get; set; }
    /// <summary>Base64 of the 32 key bytes: text travels inline through the full export, where each binary value would become a file of its own.</summary>
    public required string Key { get; set; }

    public byte[] KeyBytes => Convert.FromBase64String(Key);
    public DateTime CreatedAt { get; set; }
}

internal sealed class MemberKeyConfiguration : IEntityTypeConfiguration<MemberKey>
{
    public void Configure(EntityTypeBuilder<MemberKey> builder)
    {
        builder.ToTable("member_keys");
        builder.HasKey(k => k.MemberId);
        builder.Property(k => k.MemberId).ValueGeneratedNever();
        builder.Property(k => k.Key).HasMaxLength(44);
        builder.Ignore(k => k.KeyBytes);
        // A key in the trail would defeat it; that a member was erased is recorded as its own event.
        builder.IsNotAudited();
    }
}

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
    public required byte[] Key { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class MemberKeyConfiguration : IEntityTypeConfiguration<MemberKey>
{
    public void Configure(EntityTypeBuilder<MemberKey> builder)
    {
        builder.ToTable("member_keys");
        builder.HasKey(k => k.MemberId);
        builder.Property(k => k.MemberId).ValueGeneratedNever();
        // A key in the trail would defeat it; that a member was erased is recorded as its own event.
        builder.IsNotAudited();
    }
}

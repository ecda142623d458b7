using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;
using RightHand.Platform.Database;

namespace RightHand.Members;

internal enum MemberEventKind { Created = 0, Updated = 1, Cancelled = 2, Erased = 3 }

/// <summary>
/// That something happened to a member, written in the same transaction as the change (an outbox): webhooks
/// and later modules read it afterwards, so a crash can neither lose an event nor announce a change that was
/// rolled back. It holds the number and the kind only; whoever tells others reads the member's data then, so an
/// erasure leaves nothing personal behind here.
/// </summary>
internal sealed class MemberEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MemberId { get; set; }
    public required string Number { get; set; }
    public MemberEventKind Kind { get; set; }
    public DateTime At { get; set; }
    /// <summary>When the webhook dispatcher turned the event into deliveries; null while it waits.</summary>
    public DateTime? DispatchedAt { get; set; }
}

internal sealed class MemberEventConfiguration : IEntityTypeConfiguration<MemberEvent>
{
    public void Configure(EntityTypeBuilder<MemberEvent> builder)
    {
        builder.ToTable("member_events");
        builder.IsNotAudited();
        builder.Property(e => e.Number).HasMaxLength(40);
        builder.HasIndex(e => new { e.DispatchedAt, e.At });
        builder.HasIndex(e => e.MemberId);
    }
}

internal static class MemberEvents
{
    /// <summary>Adds the event to the unit of work; the caller's save commits it with the change.</summary>
    public static void Add(AppDb db, Member member, MemberEventKind kind, DateTime at) =>
        db.MemberEvents.Add(new MemberEvent { MemberId = member.Id, Number = member.Number, Kind = kind, At = at });
}

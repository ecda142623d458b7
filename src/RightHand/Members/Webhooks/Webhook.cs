using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Members.Webhooks;

/// <summary>
/// Which events a webhook wants; stored as the sum of the flags. The escalation events are for IT's tracker only, which is
/// set up in the support settings (Support/Escalations/EscalationTracker), not on the member webhooks page.
/// </summary>
[Flags]
internal enum WebhookEvents
{
    None = 0, Created = 1, Updated = 2, Cancelled = 4, Erased = 8, EscalationCreated = 16, EscalationUpdated = 32,
    Escalations = EscalationCreated | EscalationUpdated,
}

/// <summary>
/// An address of the platform's IT that is told about member events. The secret signs every delivery; it is
/// kept in the clear because signing needs it, and it is left out of the audit trail.
/// </summary>
internal sealed class Webhook
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Url { get; set; }
    public WebhookEvents Events { get; set; }
    public required string Secret { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }

    public bool Wants(MemberEventKind kind) => (Events & WebhookEventNames.Flag(kind)) != 0;
}

internal static class WebhookEventNames
{
    public static readonly IReadOnlyList<MemberEventKind> All = [MemberEventKind.Created, MemberEventKind.Updated, MemberEventKind.Cancelled, MemberEventKind.Erased];

    /// <summary>The name receivers see in the payload and the X-RightHand-Event header, e.g. member.created.</summary>
    public static string Name(MemberEventKind kind) => "member." + kind.ToString().ToLowerInvariant();

    public static WebhookEvents Flag(MemberEventKind kind) => kind switch
    {
        MemberEventKind.Created => WebhookEvents.Created,
        MemberEventKind.Updated => WebhookEvents.Updated,
        MemberEventKind.Cancelled => WebhookEvents.Cancelled,
        MemberEventKind.Erased => WebhookEvents.Erased,
        _ => WebhookEvents.None,
    };

    /// <summary>The name of what a delivery announces: a member event, or escalation.created / escalation.updated.</summary>
    public static string Name(WebhookDelivery delivery) => delivery.EscalationId is null ? Name(delivery.Kind)
        : delivery.Kind == MemberEventKind.Created ? "escalation.created" : "escalation.updated";
}

internal enum DeliveryState { Pending = 0, Delivered = 1, Failed = 2 }

/// <summary>One event for one webhook: sent until the receiver answers 2xx or the retries run out. Its id is the payload's id, for the receiver to drop repeats.</summary>
internal sealed class WebhookDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WebhookId { get; set; }
    public Guid EventId { get; set; }
    public Guid MemberId { get; set; }
    public required string Number { get; set; }
    public MemberEventKind Kind { get; set; }
    public DateTime OccurredAt { get; set; }
    public DeliveryState State { get; set; }
    /// <summary>Attempts made by the schedule (resends not counted): they decide the next wait.</summary>
    public int ScheduledAttempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    /// <summary>
    /// Set for a delivery to IT's tracker: the escalation it announces. <see cref="EventId"/> is then the step in the escalation's
    /// history, <see cref="Number"/> the ticket's reference, <see cref="Kind"/> Created (escalation.created) or Updated, and
    /// <see cref="MemberId"/> empty: the payload names the affected member by number only.
    /// </summary>
    public Guid? EscalationId { get; set; }
}

/// <summary>One try to deliver: when, what the receiver answered (or what went wrong), how long it took.</summary>
internal sealed class WebhookAttempt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DeliveryId { get; set; }
    public DateTime At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
    public string? ResponseExcerpt { get; set; }
    public bool Resend { get; set; }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.ToTable("webhooks");
        builder.Property(w => w.Url).HasMaxLength(2000);
        builder.Property(w => w.Secret).HasMaxLength(100).IsAuditSecret();
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        // Many per member change, and the attempts log says what happened; the trail records the webhooks themselves.
        builder.IsNotAudited();
        builder.Property(d => d.Number).HasMaxLength(40);
        // One delivery per event and webhook, even if two dispatchers raced.
        builder.HasIndex(d => new { d.WebhookId, d.EventId }).IsUnique();
        builder.HasIndex(d => new { d.WebhookId, d.CreatedAt });
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.IsNotAudited();
        builder.Property(a => a.Error).HasMaxLength(500);
        builder.Property(a => a.ResponseExcerpt).HasMaxLength(500);
        builder.HasIndex(a => new { a.DeliveryId, a.At });
    }
}

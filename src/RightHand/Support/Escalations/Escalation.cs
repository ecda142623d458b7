using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Support.Escalations;

/// <summary>To whom a ticket is handed: IT for a technical problem, the owner for a personal matter.</summary>
internal enum EscalationKind { It = 0, Owner = 1 }

/// <summary>
/// Where an escalation stands. IT's: new, confirmed, needs information (the agent's turn), answered (IT's turn again),
/// then fixed or won't fix. The owner's: open, then done.
/// </summary>
internal enum EscalationStatus { New = 0, Confirmed = 1, NeedsInformation = 2, Answered = 3, Fixed = 4, WontFix = 5, Open = 6, Done = 7 }

/// <summary>Ordered by urgency, so sorting by the number sorts by severity.</summary>
internal enum EscalationSeverity { Low = 0, Normal = 1, High = 2, Critical = 3 }

/// <summary>Why a ticket goes to the owner: the matters the design says are no assistant's to answer.</summary>
internal enum OwnerReason { AppointmentRequest = 0, PersonalAdvice = 1, Complaint = 2, Other = 3 }

/// <summary>
/// A ticket handed to IT with a report IT can act on, or to the owner with the reason. The ticket waits meanwhile; when
/// IT or the owner is done, it goes back to the agent who escalated it.
/// </summary>
internal sealed class Escalation
{
    public const int ShortTextMaxLength = 200;
    public const int TextMaxLength = 10_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TicketId { get; set; }
    public EscalationKind Kind { get; set; }
    public EscalationStatus Status { get; set; }
    /// <summary>IT's report; empty for an owner escalation.</summary>
    public string? Summary { get; set; }
    public string? StepsToReproduce { get; set; }
    public string? Expected { get; set; }
    public string? Actual { get; set; }
    public Guid? AffectedMemberId { get; set; }
    /// <summary>Browser, device, app version: free text, as the member told it.</summary>
    public string? Environment { get; set; }
    public EscalationSeverity Severity { get; set; } = EscalationSeverity.Normal;
    public OwnerReason? Reason { get; set; }
    /// <summary>The agent's note to the owner.</summary>
    public string? ReasonNote { get; set; }
    /// <summary>IT's open question while the status is "needs information".</summary>
    public string? Question { get; set; }
    /// <summary>IT's fix note or won't-fix reason, or the owner's hand-back note: the suggested reply is built from it.</summary>
    public string? Resolution { get; set; }
    /// <summary>The ticket's internal note that carries the report; the screenshots are its attachments.</summary>
    public Guid? NoteMessageId { get; set; }
    /// <summary>The issue in IT's own tracker (an id or an address), as IT reports it back.</summary>
    public string? ExternalReference { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }

    public bool IsOpen => OpenStatuses.Contains(Status);

    /// <summary>The statuses in which someone still has to act; a ticket has at most one escalation in them.</summary>
    public static readonly EscalationStatus[] OpenStatuses =
        [EscalationStatus.New, EscalationStatus.Confirmed, EscalationStatus.NeedsInformation, EscalationStatus.Answered, EscalationStatus.Open];

    /// <summary>Whether the ticket has an open escalation, counting one added to the unit of work but not saved yet.</summary>
    public static async Task<bool> OpenForAsync(Platform.Database.AppDb db, Guid ticketId, CancellationToken ct) =>
        db.Escalations.Local.Any(e => e.TicketId == ticketId && e.IsOpen)
        || await db.Escalations.AnyAsync(e => e.TicketId == ticketId && OpenStatuses.Contains(e.Status), ct);
}

internal enum EscalationEventKind { Escalated = 0, Confirmed = 1, AskedForInformation = 2, Answered = 3, Fixed = 4, WontFix = 5, Note = 6, Done = 7, HandedBack = 8, Referenced = 9 }

/// <summary>One step in an escalation's history: who did what when, with the text they wrote.</summary>
internal sealed class EscalationEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EscalationId { get; set; }
    public EscalationEventKind Kind { get; set; }
    /// <summary>The person, or null for a token that belongs to no person (IT's tracker).</summary>
    public Guid? ByPersonId { get; set; }
    public string? Text { get; set; }
    public DateTime At { get; set; }
}

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> builder)
    {
        builder.ToTable("escalations");
        builder.Property(e => e.Summary).HasMaxLength(Escalation.ShortTextMaxLength).IsPersonalData();
        builder.Property(e => e.StepsToReproduce).HasMaxLength(Escalation.TextMaxLength).IsPersonalData();
        builder.Property(e => e.Expected).HasMaxLength(Escalation.TextMaxLength).IsPersonalData();
        builder.Property(e => e.Actual).HasMaxLength(Escalation.TextMaxLength).IsPersonalData();
        builder.Property(e => e.Environment).HasMaxLength(Escalation.ShortTextMaxLength);
        builder.Property(e => e.ReasonNote).HasMaxLength(Escalation.TextMaxLength).IsPersonalData();
        builder.Property(e => e.Question).HasMaxLength(Escalation.TextMaxLength);
        builder.Property(e => e.Resolution).HasMaxLength(Escalation.TextMaxLength);
        builder.Property(e => e.ExternalReference).HasMaxLength(500);
        builder.HasPersonalDataOwner(nameof(Escalation.AffectedMemberId));
        builder.Ignore(e => e.IsOpen);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(e => e.AffectedMemberId).OnDelete(DeleteBehavior.Restrict);
        // The queues: by kind and status, newest last; a ticket's escalations.
        builder.HasIndex(e => new { e.Kind, e.Status, e.CreatedAt });
        builder.HasIndex(e => new { e.TicketId, e.CreatedAt });
    }
}

internal sealed class EscalationEventConfiguration : IEntityTypeConfiguration<EscalationEvent>
{
    public void Configure(EntityTypeBuilder<EscalationEvent> builder)
    {
        builder.ToTable("escalation_events");
        builder.Property(e => e.Text).HasMaxLength(Escalation.TextMaxLength);
        builder.HasOne<Escalation>().WithMany().HasForeignKey(e => e.EscalationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.EscalationId, e.At });
    }
}

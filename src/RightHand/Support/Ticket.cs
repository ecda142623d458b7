using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Support;

internal enum TicketChannel { Portal = 0, Email = 1, Api = 2, Phone = 3 }

internal enum TicketState { New = 0, Open = 1, WaitingForMember = 2, WaitingForIt = 3, WaitingForOwner = 4, Solved = 5, Closed = 6 }

/// <summary>Ordered by urgency, so sorting by the number sorts by priority.</summary>
internal enum TicketPriority { Low = 0, Normal = 1, High = 2, Urgent = 3 }

/// <summary>
/// A member's (or an e-mail contact's) request and the conversation about it. The number is a sequence that only grows
/// and is shown as "#10234"; mail threads carry it in the subject.
/// </summary>
internal sealed class Ticket
{
    /// <summary>Numbers start above 10000 so they all have the same width for a long time.</summary>
    public const long FirstNumber = 10001;
    public const int SubjectMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public long Number { get; set; }
    public required string Subject { get; set; }
    public Guid? RequesterMemberId { get; set; }
    public required string RequesterEmail { get; set; }
    /// <summary>The address in lower case: threading and "the member's tickets" look it up by an index on a plain column.</summary>
    public required string RequesterEmailKey { get; set; }
    public string? RequesterName { get; set; }
    public TicketChannel Channel { get; set; }
    public TicketState State { get; set; }
    public TicketPriority Priority { get; set; } = TicketPriority.Normal;
    public Guid? CategoryId { get; set; }
    /// <summary>The staff person working on it (a person of the access module), or nobody yet.</summary>
    public Guid? AssigneeId { get; set; }
    /// <summary>"de" or "en": replies to the requester are written in it.</summary>
    public string Language { get; set; } = "de";
    /// <summary>Set by the SLA part; null while no target applies.</summary>
    public DateTime? FirstResponseDueAt { get; set; }
    public DateTime? ResolutionDueAt { get; set; }
    /// <summary>Since when the SLA clock stands still (the ticket waits for the member); null while it runs.</summary>
    public DateTime? SlaPausedAt { get; set; }
    /// <summary>Business time, in seconds, the clock stood still in earlier waits: the due times lie that much later.</summary>
    public long SlaPausedSeconds { get; set; }
    /// <summary>When the warning before a first-response or resolution breach went out (once per due time).</summary>
    public DateTime? FirstResponseWarnedAt { get; set; }
    public DateTime? ResolutionWarnedAt { get; set; }
    public DateTime? FirstRespondedAt { get; set; }
    public DateTime? SolvedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The last message on the ticket (or its opening): the lists sort by it.</summary>
    public DateTime LastActivityAt { get; set; }
    /// <summary>The requester's satisfaction, 1 to 5, once asked.</summary>
    public int? Rating { get; set; }
    public string? RatingComment { get; set; }
    /// <summary>When the requester last gave or changed the rating: the satisfaction report counts by it.</summary>
    public DateTime? RatedAt { get; set; }
    public Guid? MergedIntoId { get; set; }
    public Guid? ParentId { get; set; }

    public string Reference => "#" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.ToTable("tickets");
        builder.Property(t => t.Subject).HasMaxLength(Ticket.SubjectMaxLength).IsPersonalData();
        builder.Property(t => t.RequesterEmail).HasMaxLength(254).IsPersonalData();
        builder.Property(t => t.RequesterEmailKey).HasMaxLength(254).IsPersonalData();
        builder.Property(t => t.RequesterName).HasMaxLength(200).IsPersonalData();
        builder.Property(t => t.Language).HasMaxLength(2);
        builder.Property(t => t.RatingComment).HasMaxLength(2000).IsPersonalData();
        // A member's ticket is the member's personal data: the trail seals it under their key, so erasure reaches it there too.
        builder.HasPersonalDataOwner(nameof(Ticket.RequesterMemberId));
        builder.Ignore(t => t.Reference);
        // Tickets opened before the SLA clock existed have waited for nothing.
        builder.Property(t => t.SlaPausedSeconds).HasDefaultValue(0L);
        builder.Property(t => t.FirstResponseWarnedAt).IsNotAudited();
        builder.Property(t => t.ResolutionWarnedAt).IsNotAudited();
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(t => t.RequesterMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TicketCategory>().WithMany().HasForeignKey(t => t.CategoryId).OnDelete(DeleteBehavior.Restrict);
        // The views on a million tickets: open ones by last activity, a person's queue, SLA due times, the number.
        builder.HasIndex(t => t.Number).IsUnique();
        builder.HasIndex(t => new { t.State, t.LastActivityAt });
        builder.HasIndex(t => new { t.AssigneeId, t.State, t.LastActivityAt });
        builder.HasIndex(t => new { t.State, t.FirstResponseDueAt });
        builder.HasIndex(t => new { t.State, t.ResolutionDueAt });
        builder.HasIndex(t => new { t.CategoryId, t.State });
        builder.HasIndex(t => new { t.RequesterMemberId, t.CreatedAt });
        builder.HasIndex(t => t.RequesterEmailKey);
        builder.HasIndex(t => t.RatedAt);
        // The open tickets alone, in the lists' order, with what the views and the list's filters select by: at a million
        // tickets the views and their counts read these ~26,000 entries instead of the whole table, and count without
        // visiting the table (bench/RESULTS.md §8). The filter is the one TicketFilter sends, so both engines use the index
        // without a query change; SQLite ignores INCLUDE.
        builder.HasIndex(t => new { t.LastActivityAt, t.Number }, "ix_tickets_open_last_activity_at_number")
            .HasFilter("merged_into_id IS NULL AND state NOT IN (5, 6)")
            .IncludeProperties(t => new
            {
                t.State, t.AssigneeId, t.FirstRespondedAt, t.FirstResponseDueAt, t.ResolutionDueAt, t.CategoryId, t.Priority, t.CreatedAt, t.Id,
            });
        // The open tickets of a category (and priority) in the lists' order: the filter a category's queue uses counted and
        // sorted its matches from all open tickets (priority + category by creation at a million: 10 → 2.4 ms a page).
        builder.HasIndex(t => new { t.CategoryId, t.Priority, t.LastActivityAt, t.Number }, "ix_tickets_open_category_id_priority_last_activity_at_number")
            .HasFilter("merged_into_id IS NULL AND state NOT IN (5, 6)")
            .IncludeProperties(t => new { t.State, t.AssigneeId, t.CreatedAt, t.Id });
        // The open tickets per assignee in the lists' order ("mine", "unassigned", the assignee filter): without it SQLite read
        // the person's tickets through the assignee index, closed ones too, and sorted them (18 → 6 ms a page at 200,000).
        builder.HasIndex(t => new { t.AssigneeId, t.LastActivityAt, t.Number }, "ix_tickets_open_assignee_id_last_activity_at_number")
            .HasFilter("merged_into_id IS NULL AND state NOT IN (5, 6)");
        // PostgreSQL does not read the one above in order for "assignee_id IS NULL" (it is no fixed value to PostgreSQL's
        // planner): the "unassigned" view has its own (migration 0033).
        builder.HasIndex(t => new { t.LastActivityAt, t.Number }, "ix_tickets_open_unassigned_last_activity_at_number")
            .HasFilter("merged_into_id IS NULL AND state NOT IN (5, 6) AND assignee_id IS NULL");
        // A survivor's merged tickets and a parent's children (Support/Links), found without a scan. Only tickets that have
        // one: SQLite's statistics average over the empty ones too, so with a full index it read "not merged" through it —
        // every ticket — instead of the open-tickets index (a list page at 200,000 tickets: 100 ms → 1 ms).
        builder.HasIndex(t => t.MergedIntoId).HasFilter("merged_into_id IS NOT NULL");
        builder.HasIndex(t => t.ParentId).HasFilter("parent_id IS NOT NULL");
    }
}

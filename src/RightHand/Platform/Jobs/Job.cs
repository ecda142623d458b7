using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Platform.Jobs;

internal enum JobState { Queued = 0, Running = 1, Succeeded = 2, Failed = 3 }

/// <summary>
/// A unit of background work. A worker claims it with a lease; if the worker dies, the lease runs
/// out and another worker takes it up again, so handlers must be idempotent (they are told the attempt).
/// </summary>
internal sealed class Job
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Kind { get; set; }
    public string Payload { get; set; } = "{}";
    /// <summary>Enqueuing the same key twice yields one job: the caller's guard against duplicates.</summary>
    public string? IdempotencyKey { get; set; }
    public JobState State { get; set; }
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; } = 8;
    public DateTime CreatedAt { get; set; }
    public DateTime RunAfter { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public int Progress { get; set; }
    public string? ProgressText { get; set; }
    public string? LastError { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs");
        // Leases and progress change many times a second; the audit trail records what the jobs do.
        builder.IsNotAudited();
        builder.Property(j => j.Kind).HasMaxLength(100);
        builder.Property(j => j.IdempotencyKey).HasMaxLength(200);
        builder.HasIndex(j => j.IdempotencyKey).IsUnique();
        builder.Property(j => j.LeaseOwner).HasMaxLength(100);
        builder.Property(j => j.ProgressText).HasMaxLength(300);
        builder.Property(j => j.LastError).HasMaxLength(4000);
        builder.HasIndex(j => new { j.State, j.RunAfter });
    }
}

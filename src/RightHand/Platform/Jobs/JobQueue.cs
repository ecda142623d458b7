using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Platform.Jobs;

/// <summary>Work a module hands to the background. Implementations are found by <see cref="Kind"/>.</summary>
internal interface IJobHandler
{
    string Kind { get; }
    Task RunAsync(JobContext context, CancellationToken ct);
}

internal sealed class JobContext(Job job, Func<int, string?, Task> reportProgress)
{
    public Guid JobId => job.Id;
    public int Attempt => job.Attempts;
    public bool IsLastAttempt => job.Attempts >= job.MaxAttempts;
    public T Payload<T>() => JsonSerializer.Deserialize<T>(job.Payload) ?? throw new InvalidOperationException($"Job {job.Id} has no payload.");
    /// <summary>Shown on the jobs page; percent 0–100.</summary>
    public Task ReportProgressAsync(int percent, string? text = null) => reportProgress(Math.Clamp(percent, 0, 100), text);
}

internal static class JobQueue
{
    /// <summary>
    /// Adds a job to the context; it is stored with the caller's next save, in the same transaction
    /// as the work that asked for it. With a key that is already queued, nothing is added.
    /// </summary>
    public static async Task<Job> EnqueueAsync<T>(this AppDb db, string kind, T payload, DateTime now, string? idempotencyKey = null, CancellationToken ct = default)
    {
        if (idempotencyKey is not null)
        {
            var existing = db.Jobs.Local.FirstOrDefault(j => j.IdempotencyKey == idempotencyKey)
                ?? await db.Jobs.FirstOrDefaultAsync(j => j.IdempotencyKey == idempotencyKey, ct);
            if (existing is not null) return existing;
        }
        var job = new Job { Kind = kind, Payload = JsonSerializer.Serialize(payload), IdempotencyKey = idempotencyKey, CreatedAt = now, RunAfter = now };
        db.Jobs.Add(job);
        return job;
    }
}

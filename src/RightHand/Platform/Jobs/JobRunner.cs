using Microsoft.EntityFrameworkCore;
using RightHand.Audit;
using RightHand.Platform.Database;

namespace RightHand.Platform.Jobs;

/// <summary>
/// Claims due jobs and runs them. On PostgreSQL several instances claim side by side with
/// <c>FOR UPDATE SKIP LOCKED</c>; on SQLite the claim is one atomic UPDATE. A running job's lease is
/// renewed while it works; a job whose lease ran out (its worker died) is claimable again.
/// </summary>
internal sealed class JobRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobRunner> log, IConfiguration configuration)
{
    /// <summary>How long a claim holds without a heartbeat (<c>Jobs:LeaseSeconds</c>, default 60): the time a dead worker's job waits.</summary>
    public TimeSpan Lease { get; } = TimeSpan.FromSeconds(Math.Max(3, configuration.GetValue("Jobs:LeaseSeconds", 60)));
    public string WorkerId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Claims and runs one due job. Returns false when nothing was due.</summary>
    public async Task<bool> RunOneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        scope.ServiceProvider.GetRequiredService<AuditActorAccessor>().Use(AuditActor.System);
        var job = await ClaimAsync(db, ct);
        if (job is null) return false;

        var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind);
        using var renew = new CancellationTokenSource();
        var heartbeat = RenewLeaseAsync(job.Id, renew.Token);
        try
        {
            if (handler is null) throw new InvalidOperationException($"No handler for job kind '{job.Kind}'.");
            var context = new JobContext(job, (percent, text) => SetProgressAsync(job.Id, percent, text));
            await handler.RunAsync(context, ct);
            await FinishAsync(job.Id, JobState.Succeeded, null, null);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(ex, "Job {JobId} ({Kind}) failed on attempt {Attempt}", job.Id, job.Kind, job.Attempts);
            var final = job.Attempts >= job.MaxAttempts;
            await FinishAsync(job.Id, final ? JobState.Failed : JobState.Queued, ex.Message, final ? null : clock.GetUtcNow().UtcDateTime + Backoff(job.Attempts));
        }
        finally
        {
            await renew.CancelAsync();
            try { await heartbeat; } catch (OperationCanceledException) { }
        }
        return true;
    }

    /// <summary>10 s, 20 s, 40 s … capped at one hour.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(3600, 10 * Math.Pow(2, Math.Max(0, attempt - 1))));

    private async Task<Job?> ClaimAsync(AppDb db, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Lease;
        // Due: queued and past its RunAfter, or running with a lease that ran out. An idle worker asks
        // with a plain read first: the claiming UPDATE would take SQLite's write lock every second.
        if (!await db.Jobs.AnyAsync(j => (j.State == JobState.Queued && j.RunAfter <= now) || (j.State == JobState.Running && j.LeaseUntil < now), ct))
            return null;
        var ids = db.IsPostgres
            ? await db.Database.SqlQuery<Guid>($"""
                UPDATE jobs SET state = 1, lease_owner = {WorkerId}, lease_until = {until}, attempts = attempts + 1, started_at = COALESCE(started_at, {now})
                WHERE id = (SELECT id FROM jobs
                            WHERE (state = 0 AND run_after <= {now}) OR (state = 1 AND lease_until < {now})
                            ORDER BY run_after LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id AS "Value"
                """).ToListAsync(ct)
            : await db.Database.SqlQuery<Guid>($"""
                UPDATE jobs SET state = 1, lease_owner = {WorkerId}, lease_until = {until}, attempts = attempts + 1, started_at = COALESCE(started_at, {now})
                WHERE id = (SELECT id FROM jobs
                            WHERE (state = 0 AND run_after <= {now}) OR (state = 1 AND lease_until < {now})
                            ORDER BY run_after LIMIT 1)
                RETURNING id AS "Value"
                """).ToListAsync(ct);
        if (ids.Count == 0) return null;
        return await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == ids[0], ct);
    }

    private async Task RenewLeaseAsync(Guid id, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(Lease / 3, clock, ct);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var until = clock.GetUtcNow().UtcDateTime + Lease;
            await db.Jobs.Where(j => j.Id == id && j.LeaseOwner == WorkerId).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until), ct);
        }
    }

    private async Task SetProgressAsync(Guid id, int percent, string? text)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Progress, percent).SetProperty(j => j.ProgressText, text));
    }

    private async Task FinishAsync(Guid id, JobState state, string? error, DateTime? retryAt)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var message = error is { Length: > 4000 } ? error[..4000] : error;
        // Only the lease holder may finish: a worker that lost its lease must not overwrite the new owner's state.
        await db.Jobs.Where(j => j.Id == id && j.LeaseOwner == WorkerId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, state)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseUntil, (DateTime?)null)
            .SetProperty(j => j.LastError, message)
            .SetProperty(j => j.Progress, j => state == JobState.Succeeded ? 100 : j.Progress)
            .SetProperty(j => j.RunAfter, j => retryAt ?? j.RunAfter)
            .SetProperty(j => j.FinishedAt, state is JobState.Succeeded or JobState.Failed ? now : null));
    }
}

/// <summary>The host's loop: runs jobs while there are any, then polls every second.</summary>
internal sealed class JobWorker(JobRunner runner, ILogger<JobWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await runner.RunOneAsync(stoppingToken)) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                log.LogError(ex, "The job worker could not claim a job");
            }
            try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

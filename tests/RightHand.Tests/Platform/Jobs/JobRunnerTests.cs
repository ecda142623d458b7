using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Jobs;

/// <summary>The job queue on the real database: claiming, retries with back-off, expired leases, idempotency, competing workers.</summary>
public sealed class JobRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task RunOne_RunsADueJobOnce_AndMarksItSucceeded(Engine engine)
    {
        var clock = new PlatformClock();
        var log = new JobLog();
        await using var app = await StartAsync(engine, clock, log);
        var id = await EnqueueAsync(app, clock, new TestPayload());
        var runner = app.Services.GetRequiredService<JobRunner>();

        Assert.True(await runner.RunOneAsync(Timeout()));
        Assert.False(await runner.RunOneAsync(Timeout()));

        var job = await LoadAsync(app, id);
        Assert.Equal((JobState.Succeeded, 1, 100), (job.State, job.Attempts, job.Progress));
        Assert.Equal(clock.UtcNow, job.FinishedAt);
        Assert.Null(job.LeaseOwner);
        Assert.Null(job.LeaseUntil);
        Assert.Equal([(id, 1)], log.Runs);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task FailingJob_IsRetriedWithGrowingBackoff_AndFailsAfterMaxAttempts(Engine engine)
    {
        var clock = new PlatformClock();
        var log = new JobLog();
        await using var app = await StartAsync(engine, clock, log);
        var id = await EnqueueAsync(app, clock, new TestPayload(Fail: true), maxAttempts: 3);
        var runner = app.Services.GetRequiredService<JobRunner>();

        Assert.True(await runner.RunOneAsync(Timeout()));
        var job = await LoadAsync(app, id);
        Assert.Equal((JobState.Queued, 1, "handler failed"), (job.State, job.Attempts, job.LastError));
        Assert.Equal(clock.UtcNow.AddSeconds(10), job.RunAfter);
        Assert.Null(job.FinishedAt);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(await runner.RunOneAsync(Timeout()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await runner.RunOneAsync(Timeout()));
        job = await LoadAsync(app, id);
        Assert.Equal((JobState.Queued, 2), (job.State, job.Attempts));
        Assert.Equal(clock.UtcNow.AddSeconds(20), job.RunAfter);

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await runner.RunOneAsync(Timeout()));
        job = await LoadAsync(app, id);
        Assert.Equal((JobState.Failed, 3, "handler failed"), (job.State, job.Attempts, job.LastError));
        Assert.Equal(clock.UtcNow, job.FinishedAt);
        Assert.Null(job.LeaseOwner);

        clock.Advance(TimeSpan.FromDays(1));
        Assert.False(await runner.RunOneAsync(Timeout()));
        Assert.Equal([(id, 1), (id, 2), (id, 3)], log.Runs);
    }

    [Fact]
    public async Task JobOfAnUnknownKind_FailsWithAClearError_InsteadOfBlockingTheQueue()
    {
        var clock = new PlatformClock();
        var log = new JobLog();
        await using var app = await StartAsync(Engine.Sqlite, clock, log);
        Guid id;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var job = await db.EnqueueAsync("module.removed", new { }, clock.UtcNow);
            job.MaxAttempts = 1;
            await db.EnqueueAsync(RecordingHandler.JobKind, new TestPayload(), clock.UtcNow.AddSeconds(1));
            await db.SaveChangesAsync();
            id = job.Id;
        }
        clock.Advance(TimeSpan.FromSeconds(1));
        var runner = app.Services.GetRequiredService<JobRunner>();

        Assert.True(await runner.RunOneAsync(Timeout()));
        Assert.True(await runner.RunOneAsync(Timeout()));

        var failed = await LoadAsync(app, id);
        Assert.Equal(JobState.Failed, failed.State);
        Assert.Equal("No handler for job kind 'module.removed'.", failed.LastError);
        Assert.Single(log.Runs); // the job queued behind it still ran
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Progress_ReportedByARunningJob_IsVisibleBeforeItEnds_AndClampedToAHundred(Engine engine)
    {
        var clock = new PlatformClock();
        var log = new JobLog();
        await using var app = await StartAsync(engine, clock, log);
        var id = await EnqueueAsync(app, clock, new TestPayload(ProgressPercent: 42, HangOnFirstAttempt: true));
        var runner = app.Services.GetRequiredService<JobRunner>();

        var run = runner.RunOneAsync(Timeout());
        await log.Hanging.Task.WaitAsync(Patience);
        var running = await LoadAsync(app, id);
        Assert.Equal((JobState.Running, 42, "42 of 100 rows"), (running.State, running.Progress, running.ProgressText));

        log.WakeUp.SetResult();
        await run.WaitAsync(Patience);
        var after = await LoadAsync(app, id);
        Assert.Equal(JobState.Queued, after.State); // the woken attempt fails on purpose
        Assert.Equal(42, after.Progress);

        var reported = new List<int>();
        var context = new JobContext(after, (percent, _) => { reported.Add(percent); return Task.CompletedTask; });
        await context.ReportProgressAsync(250);
        await context.ReportProgressAsync(-5);
        Assert.Equal([100, 0], reported);
    }

    [Fact]
    public void Backoff_DoublesFromTenSeconds_UpToOneHour()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), JobRunner.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(20), JobRunner.Backoff(2));
        Assert.Equal(TimeSpan.FromSeconds(40), JobRunner.Backoff(3));
        Assert.Equal(TimeSpan.FromHours(1), JobRunner.Backoff(20));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task JobOfADeadWorker_IsTakenUpByAnotherRunnerOnceTheLeaseRunsOut_AndTheDeadWorkerCannotOverwriteIt(Engine engine)
    {
        var clock = new PlatformClock();
        var log = new JobLog();
        await using var app = await StartAsync(engine, clock, log);
        var id = await EnqueueAsync(app, clock, new TestPayload(HangOnFirstAttempt: true));
        var dead = app.Services.GetRequiredService<JobRunner>();
        var other = ActivatorUtilities.CreateInstance<JobRunner>(app.Services);
        Assert.NotEqual(dead.WorkerId, other.WorkerId);

        // The first worker claims the job and then hangs, as if its process had died.
        var deadRun = dead.RunOneAsync(Timeout());
        await log.Hanging.Task.WaitAsync(Patience);
        var claimed = await LoadAsync(app, id);
        Assert.Equal((JobState.Running, dead.WorkerId), (claimed.State, claimed.LeaseOwner));
        Assert.Equal(clock.UtcNow + dead.Lease, claimed.LeaseUntil);

        Assert.False(await other.RunOneAsync(Timeout()));
        clock.Advance(dead.Lease + TimeSpan.FromSeconds(1));
        Assert.True(await other.RunOneAsync(Timeout()));
        var done = await LoadAsync(app, id);
        Assert.Equal((JobState.Succeeded, 2, (string?)null), (done.State, done.Attempts, done.LeaseOwner));

        // The first worker wakes up and fails: it no longer holds the lease, so the job stays done.
        log.WakeUp.SetResult();
        Assert.True(await deadRun.WaitAsync(Patience));
        var after = await LoadAsync(app, id);
        Assert.Equal((JobState.Succeeded, 2, (string?)null), (after.State, after.Attempts, after.LastError));
        Assert.Equal([(id, 1), (id, 2)], log.Runs.OrderBy(r => r.Attempt));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Enqueue_WithAKeyAlreadyUsed_AddsNoSecondJob(Engine engine)
    {
        var clock = new PlatformClock();
        await using var app = await StartAsync(engine, clock, new JobLog());
        Job first;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            first = await db.EnqueueAsync(RecordingHandler.JobKind, new TestPayload(), clock.UtcNow, "invoice:42");
            Assert.Same(first, await db.EnqueueAsync(RecordingHandler.JobKind, new TestPayload(), clock.UtcNow, "invoice:42"));
            await db.SaveChangesAsync();
        }
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.Equal(first.Id, (await db.EnqueueAsync(RecordingHandler.JobKind, new TestPayload(), clock.UtcNow, "invoice:42")).Id);
            await db.EnqueueAsync(RecordingHandler.JobKind, new TestPayload(), clock.UtcNow, "invoice:43");
            await db.SaveChangesAsync();
            Assert.Equal(["invoice:42", "invoice:43"], await db.Jobs.OrderBy(j => j.IdempotencyKey).Select(j => j.IdempotencyKey).ToListAsync());
        }
        await using (var scope = app.Scope())
        {
            // Two writers racing past the check: the unique index is the last guard.
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            db.Jobs.Add(new Job { Kind = RecordingHandler.JobKind, IdempotencyKey = "invoice:42", CreatedAt = clock.UtcNow, RunAfter = clock.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TwoRunnersSideBySide_RunEachOfFiftyJobsExactlyOnce(Engine engine)
    {
        var clock = new PlatformClock();
        var log = new JobLog();
        await using var app = await StartAsync(engine, clock, log);
        var ids = new List<Guid>();
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            for (var i = 0; i < 50; i++) ids.Add((await db.EnqueueAsync(RecordingHandler.JobKind, new TestPayload(DelayMs: 5), clock.UtcNow)).Id);
            await db.SaveChangesAsync();
        }
        // Two workers as two instances would have them: each its own runner and worker id, one shared database.
        var runners = new[] { ActivatorUtilities.CreateInstance<JobRunner>(app.Services), ActivatorUtilities.CreateInstance<JobRunner>(app.Services) };

        await Task.WhenAll(runners.Select(r => Task.Run(async () =>
        {
            while (await r.RunOneAsync(Timeout())) { }
        }))).WaitAsync(Patience);

        Assert.Equal(ids.Order(), log.Runs.Select(r => r.JobId).Order());
        await using (var scope = app.Scope())
        {
            var jobs = await scope.ServiceProvider.GetRequiredService<AppDb>().Jobs.AsNoTracking().ToListAsync();
            Assert.All(jobs, j => Assert.Equal((JobState.Succeeded, 1), (j.State, j.Attempts)));
        }
    }

    [Fact]
    public async Task HostedWorker_WhenEnabled_RunsQueuedJobsWithoutBeingAsked()
    {
        var log = new JobLog();
        await using var app = await TestApp.StartAsync(Engine.Sqlite, services: s =>
        {
            s.AddSingleton(log);
            s.AddScoped<IJobHandler, RecordingHandler>();
        });
        var id = await EnqueueAsync(app, new PlatformClock(DateTimeOffset.UtcNow.AddMinutes(-1)), new TestPayload());

        // The worker polls every second.
        for (var waited = TimeSpan.Zero; log.Runs.Count == 0 && waited < Patience; waited += TimeSpan.FromMilliseconds(100))
            await Task.Delay(100);

        Assert.Equal([(id, 1)], log.Runs);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(Patience).Token;

    private static Task<TestApp> StartAsync(Engine engine, PlatformClock clock, JobLog log) =>
        TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, clock, services: s =>
        {
            s.AddSingleton(log);
            s.AddScoped<IJobHandler, RecordingHandler>();
        });

    private static async Task<Guid> EnqueueAsync(TestApp app, PlatformClock clock, TestPayload payload, int maxAttempts = 8)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var job = await db.EnqueueAsync(RecordingHandler.JobKind, payload, clock.UtcNow);
        job.MaxAttempts = maxAttempts;
        await db.SaveChangesAsync();
        return job.Id;
    }

    private static async Task<Job> LoadAsync(TestApp app, Guid id)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Jobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }
}

internal sealed record TestPayload(bool Fail = false, bool HangOnFirstAttempt = false, int DelayMs = 0, int ProgressPercent = 0);

/// <summary>What the test handler did, shared between the test and the handler's scopes.</summary>
internal sealed class JobLog
{
    private readonly ConcurrentQueue<(Guid JobId, int Attempt)> runs = new();

    public IReadOnlyList<(Guid JobId, int Attempt)> Runs => [.. runs];

    /// <summary>Set when a hanging attempt has started; <see cref="WakeUp"/> lets it go on (and fail).</summary>
    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource WakeUp { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Ran(Guid jobId, int attempt) => runs.Enqueue((jobId, attempt));
}

internal sealed class RecordingHandler(JobLog log) : IJobHandler
{
    public const string JobKind = "test.record";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var payload = context.Payload<TestPayload>();
        log.Ran(context.JobId, context.Attempt);
        if (payload.ProgressPercent > 0) await context.ReportProgressAsync(payload.ProgressPercent, $"{payload.ProgressPercent} of 100 rows");
        if (payload.DelayMs > 0) await Task.Delay(payload.DelayMs, ct);
        if (payload.HangOnFirstAttempt && context.Attempt == 1)
        {
            log.Hanging.SetResult();
            await log.WakeUp.Task.WaitAsync(ct);
            throw new InvalidOperationException("the dead worker woke up");
        }
        if (payload.Fail) throw new InvalidOperationException("handler failed");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Delegation.Tasks;

/// <summary>Sets up recurring briefs and lets each occurrence create its task.</summary>
internal sealed class RecurringTasks(AppDb db, DelegatedTasks tasks, TimeProvider clock, IStringLocalizer<Texts> l, ILogger<RecurringTasks> log)
{
    /// <summary>How far back a missed occurrence is still created (the app was down over a holiday, say).</summary>
    public const int CatchUpDays = 31;

    public async Task<(OperationResult Result, Guid? Id)> SetUpAsync(TaskBrief brief, RecurrenceKind kind, int weekday, int dayOfMonth, int deadlineAfterDays, TaskActor by, CancellationToken ct = default)
    {
        // The template has no deadline of its own (each instance gets one from its day); the rest is checked like any brief.
        var errors = await tasks.CheckAsync(brief with { Deadline = tasks.Today }, by, ct);
        if (!Enum.IsDefined(kind)) errors.Add(l["Schedule: choose weekly, monthly or every working day."]);
        if (kind == RecurrenceKind.Weekly && weekday is < 0 or > 6) errors.Add(l["Weekday: choose a day of the week."]);
        if (kind == RecurrenceKind.Monthly && dayOfMonth is < 1 or > 31) errors.Add(l["Day of month: choose a day from 1 to 31."]);
        if (deadlineAfterDays is < 0 or > 60) errors.Add(l["Deadline: from 0 to 60 days after the occurrence."]);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);
        var recurring = new RecurringTask
        {
            Title = brief.Title.Trim(), Goal = brief.Goal.Trim(), Context = brief.Context.Trim(), DefinitionOfDone = brief.DefinitionOfDone.Trim(),
            Priority = brief.Priority, WorkLanguage = brief.WorkLanguage, Links = string.Join('\n', brief.LinkList), Checklist = string.Join('\n', brief.ChecklistLines),
            AssigneeId = brief.AssigneeId, CreatedBy = by.PersonId, PlaybookId = brief.PlaybookId, Kind = kind, Weekday = weekday, DayOfMonth = dayOfMonth,
            DeadlineAfterDays = deadlineAfterDays, StartsOn = tasks.Today, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.RecurringTasks.Add(recurring);
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, recurring.Id);
    }

    public async Task<OperationResult> SetActiveAsync(Guid id, bool active, TaskActor by, CancellationToken ct = default)
    {
        var recurring = await db.RecurringTasks.FindAsync([id], ct);
        if (recurring is null || (!by.IsOwner && recurring.AssigneeId != by.PersonId && recurring.CreatedBy != by.PersonId))
            return OperationResult.Fail(l["This recurring task does not exist or is not yours to see."]);
        recurring.Active = active;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>
    /// Creates the task of every occurrence up to today (Europe/Berlin) that has none yet. Idempotent: the
    /// unique index on (recurring task, occurrence date) lets only one instance in, also when two app
    /// instances run this at the same moment; the loser skips that occurrence. Returns how many it created.
    /// </summary>
    public async Task<int> CreateDueAsync(CancellationToken ct = default)
    {
        var today = tasks.Today;
        var earliest = today.AddDays(-CatchUpDays);
        var schedules = await db.RecurringTasks.AsNoTracking().Where(r => r.Active).ToListAsync(ct);
        var created = 0;
        foreach (var recurring in schedules)
        {
            var from = recurring.StartsOn > earliest ? recurring.StartsOn : earliest;
            var existing = (await db.DelegatedTasks.AsNoTracking().Where(t => t.RecurringTaskId == recurring.Id && t.OccurrenceDate >= from)
                .Select(t => t.OccurrenceDate).ToListAsync(ct)).ToHashSet();
            for (var day = from; day <= today; day = day.AddDays(1))
            {
                if (!recurring.OccursOn(day) || existing.Contains(day)) continue;
                if (await TryCreateAsync(recurring, day, ct)) created++;
            }
        }
        return created;
    }

    private async Task<bool> TryCreateAsync(RecurringTask recurring, DateOnly day, CancellationToken ct)
    {
        var brief = new TaskBrief(recurring.Title, recurring.Goal, recurring.Context, recurring.DefinitionOfDone, day.AddDays(recurring.DeadlineAfterDays),
            recurring.Priority, recurring.WorkLanguage, recurring.Links, recurring.Checklist, recurring.AssigneeId, recurring.PlaybookId);
        tasks.Add(brief, recurring.CreatedBy, recurringTaskId: recurring.Id, occurrence: day);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Another instance created this occurrence a moment ago (unique index); forget ours and go on.
            log.LogInformation(ex, "Occurrence {Day} of recurring task {Id} exists already", day, recurring.Id);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>A duplicate key on either engine; any other failure is a real error and goes up.</summary>
    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } => true,
        Npgsql.PostgresException { SqlState: "23505" } => true,
        _ => false,
    };
}

/// <summary>Every five minutes, lets due recurring tasks create their instances. Off when "Jobs:Enabled" is false, like the job worker.</summary>
internal sealed class RecurringTaskWorker(IServiceScopeFactory scopes, ILogger<RecurringTaskWorker> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RecurringTasks>().CreateDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                log.LogError(ex, "Recurring tasks could not create their instances");
            }
            try { await Task.Delay(Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

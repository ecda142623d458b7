using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Mail;
using RightHand.Platform.Web;

namespace RightHand.Delegation.Tasks;

/// <summary>
/// What people do with tasks: brief, start, tick the checklist, submit the result for approval, finish,
/// comment (with @mentions by mail), log time and attach files. Each operation checks who acts and the
/// task's state, then saves once; bad input changes nothing and returns the reason.
/// </summary>
internal sealed class DelegatedTasks(AppDb db, Approvals approvals, Mailer mailer, TimeProvider clock, IStringLocalizer<Texts> l, IConfiguration configuration)
{
    public const string WorkType = "task-result";
    public const string Module = "Tasks";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Today in the business's calendar (Europe/Berlin).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Display.Local(Now));

    /// <summary>Briefs a task. The owner may assign anyone who works on tasks; others only themselves.</summary>
    public async Task<(OperationResult Result, Guid? TaskId)> BriefAsync(TaskBrief brief, TaskActor by, CancellationToken ct = default)
    {
        var errors = await CheckAsync(brief, by, ct);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);
        var task = Add(brief, by.PersonId);
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, task.Id);
    }

    /// <summary>Every problem with a brief <paramref name="by"/> wants to send: its fields, the assignee they may choose, the playbook.</summary>
    internal async Task<List<string>> CheckAsync(TaskBrief brief, TaskActor by, CancellationToken ct)
    {
        var errors = brief.Check(l);
        if (!by.IsOwner && brief.AssigneeId != by.PersonId) errors.Add(l["Assignee: you can brief tasks only for yourself."]);
        else if (!await db.People.Where(p => p.Id == brief.AssigneeId).AnyAsync(TaskActor.WorksOnTasks, ct)) errors.Add(l["Assignee: choose a person who works on tasks."]);
        if (brief.PlaybookId is { } playbook && !await db.Playbooks.AnyAsync(p => p.Id == playbook, ct)) errors.Add(l["Playbook: this playbook does not exist."]);
        return errors;
    }

    /// <summary>Adds a checked brief as a new task with its checklist, without saving (recurring and trial tasks save their own way).</summary>
    internal DelegatedTask Add(TaskBrief brief, Guid createdBy, bool isTrial = false, Guid? recurringTaskId = null, DateOnly? occurrence = null)
    {
        var task = new DelegatedTask
        {
            Title = brief.Title.Trim(), Goal = brief.Goal.Trim(), Context = brief.Context.Trim(), DefinitionOfDone = brief.DefinitionOfDone.Trim(),
            Deadline = brief.Deadline ?? Today, Priority = brief.Priority, WorkLanguage = brief.WorkLanguage, Links = string.Join('\n', brief.LinkList),
            AssigneeId = brief.AssigneeId, CreatedBy = createdBy, CreatedAt = Now, StateChangedAt = Now, State = TaskState.Briefed,
            PlaybookId = brief.PlaybookId, IsTrial = isTrial, RecurringTaskId = recurringTaskId, OccurrenceDate = occurrence,
        };
        db.DelegatedTasks.Add(task);
        var position = 0;
        foreach (var line in brief.ChecklistLines) db.ChecklistItems.Add(new ChecklistItem { TaskId = task.Id, Position = position++, Text = line });
        return task;
    }

    public async Task<OperationResult> StartAsync(Guid taskId, TaskActor by, CancellationToken ct = default)
    {
        var task = await FindAsync(taskId, by, ct);
        if (task is null) return NotFound();
        if (task.AssigneeId != by.PersonId) return OperationResult.Fail(l["Only the assignee starts the work."]);
        if (task.State is not (TaskState.Briefed or TaskState.ChangesRequested)) return WrongState(task, l["Start"]);
        Move(task, TaskState.InProgress);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>
    /// Submits the result: the task waits for approval through the approval seam (work type "task-result").
    /// When that kind of work is autonomous, the seam approves at once and the task is approved in the same save.
    /// </summary>
    public async Task<OperationResult> SubmitAsync(Guid taskId, string result, TaskActor by, CancellationToken ct = default)
    {
        var task = await FindAsync(taskId, by, ct);
        if (task is null) return NotFound();
        if (task.AssigneeId != by.PersonId) return OperationResult.Fail(l["Only the assignee submits the result."]);
        if (task.State is not (TaskState.InProgress or TaskState.ChangesRequested)) return WrongState(task, l["Submit"]);
        if (string.IsNullOrWhiteSpace(result)) return OperationResult.Fail(l["Result: write what you did or produced."]);
        if (result.Length > 20_000) return OperationResult.Fail(l["Result: at most {0} characters.", 20_000]);
        task.Result = result.Trim();
        Move(task, TaskState.Submitted);
        var preview = await PreviewAsync(task, ct);
        await approvals.RequestAsync(new ApprovalAsk(WorkType, Module, task.Id.ToString(), task.Title, preview, ApiToken.HashOf(preview), by.PersonId,
            AlwaysReview: task.IsTrial), ct);
        // The seam returns an identical earlier request without saving; the task's own change must still be written.
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>An approved task is closed by its assignee or the owner.</summary>
    public async Task<OperationResult> CompleteAsync(Guid taskId, TaskActor by, CancellationToken ct = default)
    {
        var task = await FindAsync(taskId, by, ct);
        if (task is null) return NotFound();
        if (task.AssigneeId != by.PersonId && !by.IsOwner) return OperationResult.Fail(l["Only the assignee or the owner marks the task done."]);
        if (task.State != TaskState.Approved) return WrongState(task, l["Mark done"]);
        Move(task, TaskState.Done);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    public async Task<OperationResult> TickAsync(Guid taskId, Guid itemId, bool done, TaskActor by, CancellationToken ct = default)
    {
        var task = await FindAsync(taskId, by, ct);
        if (task is null) return NotFound();
        if (task.AssigneeId != by.PersonId) return OperationResult.Fail(l["Only the assignee ticks the checklist."]);
        if (task.State is TaskState.Submitted or TaskState.Approved or TaskState.Done) return WrongState(task, l["Checklist"]);
        var item = await db.ChecklistItems.FirstOrDefaultAsync(i => i.Id == itemId && i.TaskId == taskId, ct);
        if (item is null) return OperationResult.Fail(l["This checklist item does not exist."]);
        item.Done = done;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>
    /// Adds a comment; every person it mentions who can open the task (except the author) gets one mail, in
    /// their own language, with a link to the task.
    /// </summary>
    public async Task<OperationResult> CommentAsync(Guid taskId, string text, TaskActor by, CancellationToken ct = default)
    {
        var task = await FindAsync(taskId, by, ct);
        if (task is null) return NotFound();
        text = (text ?? "").Trim();
        if (text.Length == 0) return OperationResult.Fail(l["Comment: write something."]);
        if (text.Length > 4000) return OperationResult.Fail(l["Comment: at most {0} characters.", 4000]);
        db.TaskComments.Add(new TaskComment { TaskId = task.Id, AuthorId = by.PersonId, Text = text, CreatedAt = Now });

        // Only people who can open the task can be mentioned (the owner, the assignee, whoever briefed it): a mail
        // with a link that answers "not found" would only confuse. The author's name comes from the same list.
        var staff = await db.People.AsNoTracking()
            .Where(p => p.RevokedAt == null && (p.Role == Roles.Owner || p.Id == task.AssigneeId || p.Id == task.CreatedBy || p.Id == by.PersonId))
            .Select(p => new { p.Id, p.Name, p.Email, p.Language }).ToListAsync(ct);
        var author = staff.FirstOrDefault(p => p.Id == by.PersonId)?.Name ?? "";
        var mentioned = Mentions.Find(text, staff.Select(p => new Mentions.Candidate(p.Id, p.Name, p.Email))).Where(p => p.Id != by.PersonId);
        var link = $"{(configuration["PublicUrl"] ?? WebHost.DefaultUrl).TrimEnd('/')}/delegation/tasks/{task.Id}";
        foreach (var person in mentioned)
        {
            var language = staff.First(p => p.Id == person.Id).Language;
            var (subject, body) = Cultures.In(language, () => (
                l["{0} mentioned you on the task \"{1}\"", author, task.Title].Value,
                l["Hello {0},\n\n{1} mentioned you in a comment on the task \"{2}\":\n\n{3}\n\nOpen the task: {4}", person.Name, author, task.Title, text, link].Value));
            await mailer.QueueAsync(db, person.Email, person.Name, subject, body, ct);
        }
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>The assignee logs time: "90", "1:30" or "1h 30m", on a day that is not in the future.</summary>
    public async Task<OperationResult> LogTimeAsync(Guid taskId, string duration, DateOnly? day, string? note, TaskActor by, CancellationToken ct = default)
    {
        var task = await FindAsync(taskId, by, ct);
        if (task is null) return NotFound();
        if (task.AssigneeId != by.PersonId) return OperationResult.Fail(l["Only the assignee logs time on a task."]);
        var minutes = Duration.ParseMinutes(duration);
        var errors = new List<string>();
        if (minutes is null) errors.Add(l["Time: enter minutes (90) or hours and minutes (1:30), at most 24 hours."]);
        if (day is null) errors.Add(l["Day: choose the day you worked."]);
        else if (day > Today) errors.Add(l["Day: the day cannot be in the future."]);
        if ((note ?? "").Length > 500) errors.Add(l["Note: at most {0} characters.", 500]);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        db.TaskTimeLogs.Add(new TaskTimeLog { TaskId = task.Id, PersonId = by.PersonId, Day = day!.Value, Minutes = minutes!.Value, Note = (note ?? "").Trim(), LoggedAt = Now });
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Attaches a file (at most 10 MB), stored with its SHA-256 hash.</summary>
    public async Task<OperationResult> AttachAsync(Guid taskId, string fileName, string? contentType, byte[] content, TaskActor by, CancellationToken ct = default)
    {
        var task = await FindAsync(taskId, by, ct);
        if (task is null) return NotFound();
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        if (name.Length == 0 || content.Length == 0) return OperationResult.Fail(l["File: choose a file that is not empty."]);
        if (content.Length > TaskFile.MaxBytes) return OperationResult.Fail(l["File: at most {0} MB.", TaskFile.MaxBytes / 1024 / 1024]);
        if (name.Length > 255) name = name[^255..];
        db.TaskFiles.Add(new TaskFile
        {
            TaskId = task.Id, Name = name, ContentType = string.IsNullOrWhiteSpace(contentType) || contentType.Length > 100 ? "application/octet-stream" : contentType,
            Size = content.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), Content = content,
            UploadedBy = by.PersonId, UploadedAt = Now,
        });
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>For the control-cost view: minutes logged per person on the days within [from, to) (UTC instants, compared by calendar day).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> LoggedMinutesAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        var from = DateOnly.FromDateTime(Display.Local(fromUtc));
        var to = DateOnly.FromDateTime(Display.Local(toUtc));
        return await db.TaskTimeLogs.AsNoTracking().Where(t => t.Day >= from && t.Day < to)
            .GroupBy(t => t.PersonId).Select(g => new { g.Key, Minutes = g.Sum(t => t.Minutes) })
            .ToDictionaryAsync(g => g.Key, g => g.Minutes, ct);
    }

    /// <summary>The task if it exists and <paramref name="by"/> may see it.</summary>
    public async Task<DelegatedTask?> FindAsync(Guid taskId, TaskActor by, CancellationToken ct = default)
    {
        var task = await db.DelegatedTasks.FindAsync([taskId], ct);
        return task is not null && by.CanSee(task) ? task : null;
    }

    /// <summary>What the approver reads: the result and the checklist as the assignee left it.</summary>
    private async Task<string> PreviewAsync(DelegatedTask task, CancellationToken ct)
    {
        var items = await db.ChecklistItems.Where(i => i.TaskId == task.Id).OrderBy(i => i.Position).ToListAsync(ct);
        var text = new StringBuilder(task.Result);
        if (items.Count > 0)
        {
            text.Append("\n\n").Append(l["Checklist"].Value).Append('\n');
            foreach (var item in items) text.Append(CultureInfo.InvariantCulture, $"[{(item.Done ? 'x' : ' ')}] {item.Text}\n");
        }
        return text.ToString().TrimEnd();
    }

    private void Move(DelegatedTask task, TaskState to)
    {
        task.State = to;
        task.StateChangedAt = Now;
    }

    private OperationResult NotFound() => OperationResult.Fail(l["This task does not exist or is not yours to see."]);

    private OperationResult WrongState(DelegatedTask task, string action) =>
        OperationResult.Fail(l["{0}: not possible while the task is \"{1}\".", action, TaskStates.Label(task.State, l)]);
}

internal static class TaskStates
{
    public static string Label(TaskState state, IStringLocalizer l) => state switch
    {
        TaskState.Briefed => l["briefed"],
        TaskState.InProgress => l["in progress"],
        TaskState.Submitted => l["submitted"],
        TaskState.ChangesRequested => l["changes requested"],
        TaskState.Approved => l["approved"],
        _ => l["done"],
    };

    public static string Label(TaskPriority priority, IStringLocalizer l) => priority switch
    {
        TaskPriority.Low => l["low"],
        TaskPriority.Normal => l["normal"],
        TaskPriority.High => l["high"],
        _ => l["urgent"],
    };
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Audit;

namespace RightHand.Delegation.Tasks;

/// <summary>Briefed → in progress → submitted → changes requested (back to work) or approved → done.</summary>
internal enum TaskState { Briefed = 0, InProgress = 1, Submitted = 2, ChangesRequested = 3, Approved = 4, Done = 5 }

internal enum TaskPriority { Low = 0, Normal = 1, High = 2, Urgent = 3 }

/// <summary>
/// A piece of delegated work with a written brief: what it is for (goal), what the assignee needs to
/// know (context) and how both sides recognise it is finished (definition of done). The result the
/// assignee submits goes through the approval seam as work type "task-result".
/// </summary>
internal sealed class DelegatedTask
{
    public const int MaxLinks = 20;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public required string Goal { get; set; }
    public string Context { get; set; } = "";
    public required string DefinitionOfDone { get; set; }
    public DateOnly Deadline { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Normal;
    /// <summary>The language the work itself is done in ("de" or "en"), which may differ from the assignee's UI language.</summary>
    public string WorkLanguage { get; set; } = "de";
    /// <summary>http(s) addresses, one a line.</summary>
    public string Links { get; set; } = "";
    public Guid AssigneeId { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public TaskState State { get; set; }
    public DateTime StateChangedAt { get; set; }
    /// <summary>The output the assignee submits for approval.</summary>
    public string Result { get; set; } = "";
    public Guid? PlaybookId { get; set; }
    /// <summary>A trial task for a new assistant: every result is reviewed, whatever the autonomy level.</summary>
    public bool IsTrial { get; set; }
    public Guid? RecurringTaskId { get; set; }
    /// <summary>The schedule's day this instance of a recurring task stands for; unique per recurring task.</summary>
    public DateOnly? OccurrenceDate { get; set; }

    public IReadOnlyList<string> LinkList => Links.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    public bool IsOpen => State is not (TaskState.Done or TaskState.Approved);
}

/// <summary>One line of the brief's checklist; the assignee ticks it off, and its state is part of the submitted result.</summary>
internal sealed class ChecklistItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TaskId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public bool Done { get; set; }
}

internal sealed class TaskComment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TaskId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Text { get; set; }
    /// <summary>The reviewer's comment when changes were requested: shown prominently on the task.</summary>
    public bool IsFeedback { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Time the assignee spent, on the day it was spent (Europe/Berlin calendar day).</summary>
internal sealed class TaskTimeLog
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TaskId { get; set; }
    public Guid PersonId { get; set; }
    public DateOnly Day { get; set; }
    public int Minutes { get; set; }
    public string Note { get; set; } = "";
    public DateTime LoggedAt { get; set; }
}

/// <summary>A file attached to a task, stored in the database. Always downloaded as an attachment, never shown inline.</summary>
internal sealed class TaskFile
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TaskId { get; set; }
    public required string Name { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public Guid UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }
}

internal sealed class DelegatedTaskConfiguration : IEntityTypeConfiguration<DelegatedTask>
{
    public void Configure(EntityTypeBuilder<DelegatedTask> builder)
    {
        builder.ToTable("delegated_tasks");
        BriefColumns.Configure(builder);
        builder.Ignore(t => t.LinkList);
        builder.Ignore(t => t.IsOpen);
        // The overviews filter by state and person and sort by deadline; at 10,000 open tasks they page through these.
        builder.HasIndex(t => new { t.State, t.AssigneeId, t.Deadline });
        builder.HasIndex(t => new { t.AssigneeId, t.Deadline });
        builder.HasIndex(t => t.Deadline);
        // Two app instances may create the same occurrence at once: the database lets only one in.
        builder.HasIndex(t => new { t.RecurringTaskId, t.OccurrenceDate }).IsUnique();
    }
}

/// <summary>
/// The brief's columns, alike in a task and in a recurring task's template (which copies them into each
/// instance), so both hold what <see cref="TaskBrief.Check"/> lets through.
/// </summary>
internal static class BriefColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> builder) where T : class
    {
        builder.Property<string>(nameof(DelegatedTask.Title)).HasMaxLength(200);
        builder.Property<string>(nameof(DelegatedTask.Goal)).HasMaxLength(4000);
        builder.Property<string>(nameof(DelegatedTask.Context)).HasMaxLength(8000);
        builder.Property<string>(nameof(DelegatedTask.DefinitionOfDone)).HasMaxLength(4000);
        builder.Property<string>(nameof(DelegatedTask.WorkLanguage)).HasMaxLength(5);
        builder.Property<string>(nameof(DelegatedTask.Links)).HasMaxLength(8000);
    }
}

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> builder)
    {
        builder.ToTable("task_checklist_items");
        builder.Property(c => c.Text).HasMaxLength(500);
        builder.HasIndex(c => new { c.TaskId, c.Position });
    }
}

internal sealed class TaskCommentConfiguration : IEntityTypeConfiguration<TaskComment>
{
    public void Configure(EntityTypeBuilder<TaskComment> builder)
    {
        builder.ToTable("task_comments");
        builder.Property(c => c.Text).HasMaxLength(4000);
        builder.HasIndex(c => new { c.TaskId, c.CreatedAt });
    }
}

internal sealed class TaskTimeLogConfiguration : IEntityTypeConfiguration<TaskTimeLog>
{
    public void Configure(EntityTypeBuilder<TaskTimeLog> builder)
    {
        builder.ToTable("task_time_logs");
        builder.Property(t => t.Note).HasMaxLength(500);
        builder.HasIndex(t => t.TaskId);
        builder.HasIndex(t => new { t.Day, t.PersonId });
    }
}

internal sealed class TaskFileConfiguration : IEntityTypeConfiguration<TaskFile>
{
    public void Configure(EntityTypeBuilder<TaskFile> builder)
    {
        builder.ToTable("task_files");
        builder.Property(f => f.Name).HasMaxLength(255);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        // The trail records the hash and size; the bytes themselves would bloat every audit entry.
        builder.Property(f => f.Content).IsNotAudited();
        builder.HasIndex(f => f.TaskId);
    }
}

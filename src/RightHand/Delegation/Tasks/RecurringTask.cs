using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RightHand.Delegation.Tasks;

internal enum RecurrenceKind { Weekly = 0, Monthly = 1, WorkingDays = 2 }

/// <summary>
/// A brief that repeats on a schedule: each occurrence becomes a task of its own (see <see cref="RecurringTasks.CreateDueAsync"/>).
/// </summary>
internal sealed class RecurringTask
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public required string Goal { get; set; }
    public string Context { get; set; } = "";
    public required string DefinitionOfDone { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Normal;
    public string WorkLanguage { get; set; } = "de";
    public string Links { get; set; } = "";
    /// <summary>Checklist lines of each instance, one a line.</summary>
    public string Checklist { get; set; } = "";
    public Guid AssigneeId { get; set; }
    public Guid CreatedBy { get; set; }
    public Guid? PlaybookId { get; set; }
    public RecurrenceKind Kind { get; set; }
    /// <summary>For weekly: the weekday (0 = Sunday … 6 = Saturday, as <see cref="DayOfWeek"/>).</summary>
    public int Weekday { get; set; } = (int)DayOfWeek.Monday;
    /// <summary>For monthly: the day of the month; in shorter months the last day.</summary>
    public int DayOfMonth { get; set; } = 1;
    /// <summary>The instance's deadline is its occurrence date plus this many days.</summary>
    public int DeadlineAfterDays { get; set; }
    /// <summary>The first day that may have an occurrence (the day it was set up); earlier days are never filled in.</summary>
    public DateOnly StartsOn { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    /// <summary>Whether <paramref name="day"/> is an occurrence of the schedule.</summary>
    public bool OccursOn(DateOnly day) => Kind switch
    {
        RecurrenceKind.Weekly => (int)day.DayOfWeek == Weekday,
        RecurrenceKind.Monthly => day.Day == Math.Min(DayOfMonth, DateTime.DaysInMonth(day.Year, day.Month)),
        _ => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday),
    };
}

internal sealed class RecurringTaskConfiguration : IEntityTypeConfiguration<RecurringTask>
{
    public void Configure(EntityTypeBuilder<RecurringTask> builder)
    {
        builder.ToTable("recurring_tasks");
        BriefColumns.Configure(builder);
        builder.Property(t => t.Checklist).HasMaxLength(8000);
        builder.HasIndex(t => t.Active);
    }
}

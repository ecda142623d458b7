using Microsoft.Extensions.DependencyInjection;
using RightHand.Delegation.Playbooks;
using RightHand.Delegation.Tasks;

namespace RightHand.BrowserTests.Infrastructure;

/// <summary>Playbooks, tasks and recurring tasks made through the app's own services, so pages have something to show.</summary>
public static class TaskSeeds
{
    public const string PlaybookBody = "## Steps\n\n1. Look the member up in the **member list**.\n2. Answer with the canned text.\n\n| Fee | Amount |\n| --- | --- |\n| Adult | 12 € |\n| Youth | 6 € |";

    public static async Task<Guid> PlaybookAsync(TestApp app, string titleEn, string titleDe, Guid author)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<PlaybookLibrary>();
        var (result, id) = await library.WriteAsync(new(titleDe, PlaybookBody, titleEn, PlaybookBody, "First version"), author);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return id!.Value;
    }

    /// <summary>A task the owner briefs for <paramref name="assignee"/>, deadline in a week, with a two-item checklist.</summary>
    public static async Task<Guid> BriefAsync(TestApp app, string title, Guid assignee, Guid owner, Guid? playbook = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tasks = scope.ServiceProvider.GetRequiredService<DelegatedTasks>();
        var (result, id) = await tasks.BriefAsync(Brief(title, assignee, playbook, tasks.Today.AddDays(7)), new TaskActor(owner, IsOwner: true));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return id!.Value;
    }

    /// <summary>The assignee starts the task, ticks its first checklist item and logs 1:30 h on it.</summary>
    public static async Task WorkOnAsync(TestApp app, Guid taskId, Guid assignee, bool isOwner)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tasks = scope.ServiceProvider.GetRequiredService<DelegatedTasks>();
        var db = scope.ServiceProvider.GetRequiredService<RightHand.Platform.Database.AppDb>();
        var me = new TaskActor(assignee, isOwner);
        Assert.True((await tasks.StartAsync(taskId, me)).Succeeded);
        var first = db.ChecklistItems.Where(i => i.TaskId == taskId).OrderBy(i => i.Position).First().Id;
        Assert.True((await tasks.TickAsync(taskId, first, true, me)).Succeeded);
        Assert.True((await tasks.LogTimeAsync(taskId, "1:30", tasks.Today, "Inbox", me)).Succeeded);
    }

    /// <summary>A weekly brief (Mondays, due two days later) for <paramref name="assignee"/>.</summary>
    public static async Task RecurringAsync(TestApp app, string title, Guid assignee, Guid owner)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var recurring = scope.ServiceProvider.GetRequiredService<RecurringTasks>();
        var (result, _) = await recurring.SetUpAsync(Brief(title, assignee, null, null), RecurrenceKind.Weekly, weekday: 1, dayOfMonth: 1, deadlineAfterDays: 2, new TaskActor(owner, IsOwner: true));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
    }

    private static TaskBrief Brief(string title, Guid assignee, Guid? playbook, DateOnly? deadline) =>
        new(title, "Members get an answer within two days.", "Questions arrive at info@.", "Every question of the week is answered.",
            deadline, TaskPriority.Normal, "en", "https://example.org/faq", "Read the inbox\nAnswer each question", assignee, playbook);
}

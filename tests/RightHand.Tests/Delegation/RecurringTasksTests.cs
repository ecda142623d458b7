using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Delegation.Tasks;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>Recurring tasks create the task of each occurrence themselves, once.</summary>
public sealed class RecurringTasksTests
{
    private static TaskBrief Template(string title, Guid assignee) =>
        new(title, "Postfach leer", "", "Alle Mails beantwortet oder weitergeleitet", null, TaskPriority.Normal, "de", "", "Eingang\nSpam", assignee, null);

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task CreateDue_MakesOneTaskPerOccurrence_Weekly_Monthly_WorkingDays_AndIsIdempotent(Engine engine)
    {
        // Monday, 2 March 2026, 09:00 in Berlin.
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, clock);
        var assistant = await TaskPeople.AddPersonAsync(app, "Anna Assist", "anna@example.org", Roles.Assistant, "de");
        var owner = new TaskActor(Guid.CreateVersion7(), IsOwner: true);
        await using (var scope = app.Scope())
        {
            var recurring = scope.ServiceProvider.GetRequiredService<RecurringTasks>();
            Assert.True((await recurring.SetUpAsync(Template("Wochenbericht", assistant), RecurrenceKind.Weekly, (int)DayOfWeek.Wednesday, 1, 2, owner)).Result.Succeeded);
            Assert.True((await recurring.SetUpAsync(Template("Monatsabschluss", assistant), RecurrenceKind.Monthly, 1, 31, 0, owner)).Result.Succeeded);
            Assert.True((await recurring.SetUpAsync(Template("Postfach", assistant), RecurrenceKind.WorkingDays, 1, 1, 0, owner)).Result.Succeeded);
            var refused = await recurring.SetUpAsync(Template("Ohne Ziel", assistant) with { Goal = "" }, RecurrenceKind.Weekly, 1, 1, 0, owner);
            Assert.Contains(refused.Result.Errors, e => e.StartsWith("Goal:", StringComparison.Ordinal));
        }

        // To Wednesday, 1 April 2026, shortly after midnight in Berlin (still 31 March in UTC).
        clock.Advance(new DateTime(2026, 3, 31, 22, 30, 0) - new DateTime(2026, 3, 2, 8, 0, 0));
        await using (var scope = app.Scope())
        {
            var recurring = scope.ServiceProvider.GetRequiredService<RecurringTasks>();
            Assert.Equal(5 + 1 + 23, await recurring.CreateDueAsync());
            Assert.Equal(0, await recurring.CreateDueAsync());
        }
        await using (var scope = app.Scope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<RecurringTasks>().CreateDueAsync());

        await using var check = app.Scope();
        var db = check.ServiceProvider.GetRequiredService<AppDb>();
        var tasks = await db.DelegatedTasks.AsNoTracking().ToListAsync();
        var weekly = tasks.Where(t => t.Title == "Wochenbericht").OrderBy(t => t.OccurrenceDate).ToList();
        Assert.Equal([new DateOnly(2026, 3, 4), new(2026, 3, 11), new(2026, 3, 18), new(2026, 3, 25), new(2026, 4, 1)], weekly.Select(t => t.OccurrenceDate!.Value));
        Assert.Equal(new DateOnly(2026, 3, 6), weekly[0].Deadline);
        Assert.Equal(new DateOnly(2026, 3, 31), tasks.Single(t => t.Title == "Monatsabschluss").OccurrenceDate);
        Assert.DoesNotContain(tasks, t => t.OccurrenceDate!.Value.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.All(tasks, t => Assert.Equal((assistant, TaskState.Briefed), (t.AssigneeId, t.State)));
        Assert.Equal(2 * tasks.Count, await db.ChecklistItems.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task CreateDue_TwoInstancesAtOnce_CreateEachOccurrenceOnce(Engine engine)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, clock);
        var assistant = await TaskPeople.AddPersonAsync(app, "Anna Assist", "anna@example.org", Roles.Assistant, "de");
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<RecurringTasks>().SetUpAsync(Template("Postfach", assistant), RecurrenceKind.WorkingDays, 1, 1, 0, new TaskActor(assistant, false));
        clock.Advance(TimeSpan.FromDays(14));

        await using var first = app.Scope();
        await using var second = app.Scope();
        var created = await Task.WhenAll(first.ServiceProvider.GetRequiredService<RecurringTasks>().CreateDueAsync(),
            second.ServiceProvider.GetRequiredService<RecurringTasks>().CreateDueAsync());

        await using var check = app.Scope();
        var count = await check.ServiceProvider.GetRequiredService<AppDb>().DelegatedTasks.CountAsync();
        Assert.Equal(11, count);
        Assert.Equal(11, created.Sum());
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task RecurringPage_SetsUpASchedule_ThatTheListShows(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var fields = TaskPeople.Brief(owner.PersonId, title: "Newsletter-Statistik");
        fields.Remove("Brief.Deadline");
        fields["Kind"] = "Monthly";
        fields["DayOfMonth"] = "31";
        fields["Weekday"] = "1";
        fields["DeadlineAfterDays"] = "3";
        var page = await TaskPeople.PostAsync(owner.Client, "/delegation/recurring", "recurring", fields);
        Assert.Null(page.QuerySelector("[role=alert]"));
        Assert.Contains("monthly on day 31", page.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task PausingASchedule_RedirectsSoThatAReloadDoesNotResumeIt(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var fields = TaskPeople.Brief(owner.PersonId, title: "Wochenbericht");
        fields.Remove("Brief.Deadline");
        (fields["Kind"], fields["Weekday"], fields["DayOfMonth"], fields["DeadlineAfterDays"]) = ("Weekly", "1", "1", "0");
        await TaskPeople.PostAsync(owner.Client, "/delegation/recurring", "recurring", fields);
        Guid id;
        await using (var scope = app.Scope())
            id = (await scope.ServiceProvider.GetRequiredService<AppDb>().RecurringTasks.AsNoTracking().SingleAsync()).Id;

        var pause = await owner.Client.SubmitAsync("/delegation/recurring", $"toggle-{id}", new Dictionary<string, string>());
        Assert.Equal("/delegation/recurring", Html.LocationPath(pause));
        Assert.Contains("Paused.", await owner.Client.GetStringAsync(Html.Location(pause)!), StringComparison.Ordinal);
        await using (var scope = app.Scope())
            Assert.False((await scope.ServiceProvider.GetRequiredService<AppDb>().RecurringTasks.AsNoTracking().SingleAsync()).Active);
    }
}

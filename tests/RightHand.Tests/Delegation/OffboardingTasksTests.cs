using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Delegation.Playbooks;
using RightHand.Delegation.Tasks;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>Offboarding hands over the leaver's open tasks and recurring tasks; the report names the playbooks behind them.</summary>
public sealed class OffboardingTasksTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task OpenTasksAndSchedules_GoToTheSuccessor_DoneTasksStay_AndThePlaybooksAreInTheReport(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var leaver = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var successor = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);

        Guid playbook;
        await using (var scope = app.Scope())
            playbook = (await scope.ServiceProvider.GetRequiredService<PlaybookLibrary>()
                .WriteAsync(new PlaybookDraft("Mahnlauf vorbereiten", "1. Offene Posten prüfen", "", "", ""), owner.PersonId)).Id!.Value;
        var withPlaybook = TaskPeople.Brief(leaver.PersonId, title: "Mahnlauf November");
        withPlaybook["Brief.Playbook"] = playbook.ToString();
        var open = await TaskPeople.BriefAsync(owner.Client, withPlaybook);
        var second = await TaskPeople.BriefAsync(owner.Client, TaskPeople.Brief(leaver.PersonId, title: "Mitgliederliste bereinigen"));
        var finished = await TaskPeople.BriefAsync(owner.Client, TaskPeople.Brief(leaver.PersonId, title: "Abgeschlossen"));
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            (await db.DelegatedTasks.SingleAsync(t => t.Id == finished)).State = TaskState.Done;
            await db.SaveChangesAsync();
        }
        await owner.Client.SubmitAsync("/delegation/recurring", "recurring", new Dictionary<string, string>(TaskPeople.Brief(leaver.PersonId, title: "Wochenstatistik"))
        {
            ["Kind"] = "Weekly", ["Weekday"] = "1", ["DayOfMonth"] = "1", ["DeadlineAfterDays"] = "2",
        });

        var page = await owner.Client.GetStringAsync($"/access/people/{leaver.PersonId}/offboard");
        Assert.Contains("Mahnlauf November", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Abgeschlossen", page, StringComparison.Ordinal);

        await owner.Client.SubmitAsync($"/access/people/{leaver.PersonId}/offboard", "offboard", new Dictionary<string, string> { ["Successor"] = successor.PersonId.ToString() });

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var assignees = await db.DelegatedTasks.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.AssigneeId);
            Assert.Equal((successor.PersonId, successor.PersonId, leaver.PersonId), (assignees[open], assignees[second], assignees[finished]));
            Assert.Equal(successor.PersonId, (await db.RecurringTasks.AsNoTracking().SingleAsync()).AssigneeId);
        }
        var report = await owner.Client.GetStringAsync($"/access/people/{leaver.PersonId}/handover.md");
        Assert.Contains("Mahnlauf November", report, StringComparison.Ordinal);
        Assert.Contains($"Mahnlauf vorbereiten (version 1, /delegation/playbooks/{playbook})", report, StringComparison.Ordinal);
    }
}

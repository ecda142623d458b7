using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>A task briefed by the owner, done by the assistant, sent back once, approved and closed (issue 3).</summary>
public sealed class TaskFlowTests(DelegationFixture fixture) : IClassFixture<DelegationFixture>
{
    private const string Title = "Answer the membership questions of the week";
    private const string Playbook = "Answering membership questions";
    private const string FirstResult = "Answered 7 questions, all with the canned text.";
    private const string SecondResult = "Answered 7 questions; the two about youth fees now name 6 € a month.";
    private const string ChangeRequest = "Two members asked about the youth fee: it is 6 €, not 12 €.";

    [Fact]
    public async Task A_brief_is_done_sent_back_redone_approved_and_closed()
    {
        var app = fixture.App;
        var t = new UiTexts(app, "en");
        var assistant = fixture.Assistant;
        await TaskSeeds.PlaybookAsync(app, Playbook, "Mitgliederfragen beantworten", fixture.OwnerId);
        await TaskSeeds.RecurringAsync(app, "Weekly newsletter draft", fixture.AssistantId, fixture.OwnerId);

        // The owner briefs the task; a goal of blanks is no goal, and the error says which field.
        var owner = await fixture.NewOwnerPageAsync();
        await owner.GotoAsync(Journeys.Url(app, "/"));
        var shell = new Shell(owner, t);
        await shell.NavLink("Tasks").ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = t["Brief a task"] }).ClickAsync();
        var brief = new NewTaskPage(owner, t);
        await Expect(brief.Heading).ToBeVisibleAsync();
        await brief.FillAsync(Title, "   ", "Every question of the week has an answer.", assistant.Name, Playbook, "Read the info@ inbox\nAnswer each question");
        await brief.SendAsync();
        await Expect(brief.Error).ToHaveTextAsync(t["Goal: say what the task is for. A brief without a goal cannot be sent."]);
        await Expect(owner).ToHaveURLAsync(Journeys.At(app, "/delegation/tasks/new"));
        await Screenshots.SaveAsync(owner, "task-new-error-en");
        await brief.Goal.FillAsync("Members get an answer within two days.");
        await brief.SendAsync();
        await Expect(owner).ToHaveURLAsync(new Regex("/delegation/tasks/[0-9a-f-]{36}$"));
        var url = owner.Url;
        var ownersTask = new TaskPage(owner, t);
        await Expect(ownersTask.State).ToHaveTextAsync(t["briefed"]);

        // The assistant finds it under My tasks, starts, ticks, logs time and submits.
        var page = await fixture.NewPageAsync(assistant.Language, fixture.AssistantState);
        var at = new UiTexts(app, assistant.Language);
        await page.GotoAsync(Journeys.Url(app, "/"));
        await new Shell(page, at).NavLink("Tasks").ClickAsync();
        var list = new TaskListPage(page, at);
        await Expect(list.Tab("My tasks")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(list.Row(Title)).ToContainTextAsync(at["briefed"]);
        await Screenshots.SaveAsync(page, "tasks-mine-en");
        await list.Row(Title).GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        var task = new TaskPage(page, at);
        await task.ClickAsync("Start work");
        await Expect(task.Status).ToHaveTextAsync(at["Work has started."]);
        await Expect(task.State).ToHaveTextAsync(at["in progress"]);
        await task.TickButton("Read the info@ inbox").ClickAsync();
        await Expect(task.TickButton("Read the info@ inbox")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(task.TickButton("Answer each question")).ToHaveAttributeAsync("aria-pressed", "false");
        // Each post ends in a redirect: reloading shows the page again instead of ticking the item a second time (unticking it).
        await page.ReloadAsync();
        await Expect(task.TickButton("Read the info@ inbox")).ToHaveAttributeAsync("aria-pressed", "true");
        await task.LogTimeAsync("1:30", "Inbox and answers");
        await Expect(task.Status).ToHaveTextAsync(at["Time logged."]);
        await Expect(task.TimeTotal).ToHaveTextAsync(at.Format("Logged in total: {0}", "1:30 h"));
        await task.SubmitAsync(FirstResult);
        await Expect(task.Status).ToHaveTextAsync(at["Submitted for approval."]);
        await Expect(task.State).ToHaveTextAsync(at["submitted"]);
        await Expect(task.SubmittedResult).ToHaveTextAsync(FirstResult);

        // The owner asks for a change in the approval queue.
        await shell.NavLink("Approvals").ClickAsync();
        var queue = new ApprovalQueuePage(owner, t);
        await Expect(queue.Item(Title)).ToContainTextAsync(t.Format("prepared by {0}", assistant.Name));
        await Expect(queue.Item(Title).GetByTestId("preview")).ToContainTextAsync(FirstResult);
        await Expect(queue.Item(Title).GetByTestId("preview")).ToContainTextAsync("[x] Read the info@ inbox");
        await queue.RequestChangesAsync(Title, ChangeRequest);
        await Expect(queue.Status).ToHaveTextAsync(t["Sent back with your comment."]);
        await Expect(queue.Item(Title)).ToHaveCountAsync(0);

        // The assistant sees the comment highlighted, changes the result and submits again.
        await page.ReloadAsync();
        await Expect(task.State).ToHaveTextAsync(at["changes requested"]);
        await Expect(task.Feedback).ToContainTextAsync(at.Format("Changes requested by {0}:", fixture.Owner.Name));
        await Expect(task.Feedback).ToContainTextAsync(ChangeRequest);
        await Expect(task.FeedbackComments).ToContainTextAsync(ChangeRequest);
        await Expect(task.Result).ToHaveValueAsync(FirstResult);
        await Screenshots.SaveAsync(page, "task-changes-requested-en");
        await task.SubmitAsync(SecondResult);
        await Expect(task.Status).ToHaveTextAsync(at["Submitted for approval."]);
        await Expect(task.Feedback).ToHaveCountAsync(0);

        // The sent-back version was never approved, so the queue shows the new result itself, not a difference.
        await shell.NavLink("Approvals").ClickAsync();
        var item = queue.Item(Title);
        await Expect(item.GetByTestId("preview")).ToContainTextAsync(SecondResult);
        await Expect(item.GetByTestId("diff")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(owner, "approvals-task-resubmitted-en");
        await queue.ApproveAsync(Title);
        await Expect(queue.Status).ToHaveTextAsync(t["Approved."]);
        // A reload shows the queue again (the approval was a post followed by a redirect), not an error page.
        await owner.ReloadAsync();
        await Expect(queue.Heading).ToBeVisibleAsync();
        await Expect(queue.Item(Title)).ToHaveCountAsync(0);

        // The assistant closes it; it leaves My tasks.
        await page.ReloadAsync();
        await Expect(task.State).ToHaveTextAsync(at["approved"]);
        await task.ClickAsync("Mark done");
        await Expect(task.Status).ToHaveTextAsync(at["The task is done."]);
        await Expect(task.State).ToHaveTextAsync(at["done"]);
        await Screenshots.SaveAsync(page, "task-done-en");
        await new Shell(page, at).NavLink("Tasks").ClickAsync();
        await Expect(list.Row(Title)).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        // The owner's view of the same task, and the pages around tasks.
        await owner.GotoAsync(url);
        await Expect(ownersTask.State).ToHaveTextAsync(t["done"]);
        await Expect(ownersTask.TimeTotal).ToHaveTextAsync(t.Format("Logged in total: {0}", "1:30 h"));
        await owner.GotoAsync(Journeys.Url(app, "/delegation/tasks?view=all"));
        await Expect(new TaskListPage(owner, t).Row(Title)).ToContainTextAsync(t["done"]);
        await Screenshots.SaveAsync(owner, "tasks-all-en");
        await shell.NavLink("Recurring tasks").ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Main)).ToContainTextAsync("Weekly newsletter draft");
        await Screenshots.SaveAsync(owner, "recurring-tasks-en");
        await shell.NavLink("Playbooks").ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = Playbook }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Playbook);
        await Expect(owner.GetByRole(AriaRole.Cell, new() { Name = "6 €" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(owner, "playbook-en");
        await shell.NavLink("Playbooks").ClickAsync();
        await Screenshots.SaveAsync(owner, "playbooks-en");
        await owner.GotoAsync(Journeys.Url(app, "/delegation/tasks/trial"));
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = t["Trial tasks"], Level = 1 })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(owner, "trial-tasks-en");
        await shell.NavLink("Export").ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = t["Export"], Level = 1 })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(owner, "export-en");
        await owner.Context.CloseAsync();
    }
}

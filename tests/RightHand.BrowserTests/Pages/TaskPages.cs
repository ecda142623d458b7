using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;

namespace RightHand.BrowserTests.Pages;

/// <summary>/delegation/tasks/new: the brief form.</summary>
public sealed class NewTaskPage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["Brief a task"], Level = 1 });
    public ILocator Error => page.GetByRole(AriaRole.Alert);
    public ILocator Goal => page.GetByLabel(t["Goal"], new() { Exact = true });

    public async Task FillAsync(string title, string goal, string definitionOfDone, string assignee, string playbook, string checklist)
    {
        await page.GetByLabel(t["Title"], new() { Exact = true }).FillAsync(title);
        await Goal.FillAsync(goal);
        await page.GetByLabel(t["Definition of done"], new() { Exact = true }).FillAsync(definitionOfDone);
        await page.GetByLabel(t["Assignee"], new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = assignee });
        await page.GetByLabel(t["Playbook"], new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = playbook });
        await page.GetByLabel(t["Checklist"], new() { Exact = true }).FillAsync(checklist);
    }

    public Task SendAsync() => page.GetByRole(AriaRole.Button, new() { Name = t["Send the brief"] }).ClickAsync();
}

/// <summary>/delegation/tasks: the tabs and the table of tasks.</summary>
public sealed class TaskListPage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["Tasks"], Level = 1 });
    public ILocator Tab(string name) => page.GetByRole(AriaRole.Navigation, new() { Name = t["Overviews"] }).GetByRole(AriaRole.Link, new() { Name = t[name], Exact = true });
    public ILocator Row(string title) => page.GetByTestId("task-list").GetByRole(AriaRole.Row).Filter(new() { HasText = title });
}

/// <summary>/delegation/tasks/{id}: state, feedback, checklist, result, time and comments.</summary>
public sealed class TaskPage(IPage page, UiTexts t)
{
    public ILocator State => page.GetByTestId("state");
    public ILocator Status => page.GetByRole(AriaRole.Status);
    public ILocator Error => page.GetByRole(AriaRole.Alert);
    public ILocator Feedback => page.GetByTestId("feedback");
    public ILocator TimeTotal => page.GetByTestId("time-total");
    public ILocator Result => page.GetByLabel(t["What you did or produced"], new() { Exact = true });
    public ILocator SubmittedResult => page.GetByTestId("result");
    public ILocator FeedbackComments => page.GetByTestId("comments").Locator("li.feedback");

    public ILocator ChecklistItem(string text) =>
        page.Locator("ul.checklist > li").Filter(new() { HasText = text });
    public ILocator TickButton(string text) => ChecklistItem(text).GetByRole(AriaRole.Button);

    public Task ClickAsync(string button) => page.GetByRole(AriaRole.Button, new() { Name = t[button], Exact = true }).ClickAsync();

    public async Task LogTimeAsync(string duration, string note)
    {
        await page.GetByLabel(t["Time spent"], new() { Exact = true }).FillAsync(duration);
        await page.GetByLabel(t["Note"], new() { Exact = true }).FillAsync(note);
        await ClickAsync("Log time");
    }

    public async Task SubmitAsync(string result)
    {
        await Result.FillAsync(result);
        await ClickAsync("Submit for approval");
    }
}

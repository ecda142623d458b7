using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Delegation;
using RightHand.Delegation.Tasks;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>Tasks with briefs through the pages: briefing, the states up to done with the owner's approval, who sees what.</summary>
public sealed class TasksTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Brief_WithoutGoalOrDefinitionOfDone_IsRefusedNamingTheField_AndSavesNothing(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);

        var noGoal = await TaskPeople.PostAsync(owner.Client, "/delegation/tasks/new", "brief", TaskPeople.Brief(owner.PersonId, goal: " "));
        Assert.Contains("Goal: say what the task is for", noGoal.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var noDone = await TaskPeople.PostAsync(owner.Client, "/delegation/tasks/new", "brief", TaskPeople.Brief(owner.PersonId, done: ""));
        Assert.Contains("Definition of done:", noDone.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var badLink = TaskPeople.Brief(owner.PersonId);
        badLink["Brief.Links"] = "javascript:alert(1)";
        Assert.Contains("is not a web address", (await TaskPeople.PostAsync(owner.Client, "/delegation/tasks/new", "brief", badLink)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.Equal(0, await db.DelegatedTasks.CountAsync());
        Assert.Equal(0, await db.ChecklistItems.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Brief_Start_Submit_ChangesRequested_Resubmit_Approve_Done(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (owner, assistant, id, page) = await TaskPeople.OwnerBriefsAssistantAsync(app);

        var list = await Html.GetAsync(assistant.Client, "/delegation/tasks");
        Assert.Contains("Mitgliederliste bereinigen", list.QuerySelector("[data-testid=task-list]")!.TextContent, StringComparison.Ordinal);

        await TaskPeople.PostAsync(assistant.Client, page, "start");
        Assert.Equal(TaskState.InProgress, (await TaskPeople.TaskAsync(app, id)).State);
        var firstItem = Html.FormNames(await Html.GetAsync(assistant.Client, page)).First(n => n.StartsWith("tick-", StringComparison.Ordinal));
        await TaskPeople.PostAsync(assistant.Client, page, firstItem);
        await TaskPeople.PostAsync(assistant.Client, page, "submit", new() { ["Result"] = "3 Dubletten entfernt." });
        Assert.Equal(TaskState.Submitted, (await TaskPeople.TaskAsync(app, id)).State);

        ApprovalRequest request;
        await using (var scope = app.Scope())
            request = await scope.ServiceProvider.GetRequiredService<AppDb>().ApprovalRequests.AsNoTracking().SingleAsync(a => a.Module == "Tasks" && a.ItemId == id.ToString());
        Assert.Equal(ApprovalState.Pending, request.State);
        Assert.Contains("3 Dubletten entfernt.", request.Preview, StringComparison.Ordinal);
        Assert.Contains("[x] Export ziehen", request.Preview, StringComparison.Ordinal);
        Assert.Contains("[ ] Dubletten markieren", request.Preview, StringComparison.Ordinal);

        await owner.Client.SubmitAsync("/delegation/approvals", $"changes-{request.Id}", new Dictionary<string, string> { ["Comment"] = "Bitte auch die Adressen prüfen." });
        var sentBack = await Html.GetAsync(assistant.Client, page);
        Assert.Contains("Bitte auch die Adressen prüfen.", sentBack.QuerySelector("[data-testid=feedback]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("changes requested", sentBack.QuerySelector("[data-testid=state]")!.TextContent.Trim());

        await TaskPeople.PostAsync(assistant.Client, page, "start");
        await TaskPeople.PostAsync(assistant.Client, page, "submit", new() { ["Result"] = "3 Dubletten entfernt, Adressen geprüft." });
        ApprovalRequest second;
        await using (var scope = app.Scope())
            second = await scope.ServiceProvider.GetRequiredService<AppDb>().ApprovalRequests.AsNoTracking().SingleAsync(a => a.ItemId == id.ToString() && a.State == ApprovalState.Pending);
        Assert.False(second.SampledForReview);
        await owner.Client.SubmitAsync("/delegation/approvals", $"approve-{second.Id}", new Dictionary<string, string>());
        Assert.Equal(TaskState.Approved, (await TaskPeople.TaskAsync(app, id)).State);

        await TaskPeople.PostAsync(assistant.Client, page, "done");
        Assert.Equal(TaskState.Done, (await TaskPeople.TaskAsync(app, id)).State);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task InvalidTransitions_AreRefusedWithTheTasksState_AndChangeNothing(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var id = await TaskPeople.BriefAsync(owner.Client, TaskPeople.Brief(owner.PersonId));
        await using var scope = app.Scope();
        var tasks = scope.ServiceProvider.GetRequiredService<DelegatedTasks>();
        var me = new TaskActor(owner.PersonId, IsOwner: true);

        var early = await tasks.SubmitAsync(id, "Fertig.", me);
        Assert.Equal("Submit: not possible while the task is \"briefed\".", Assert.Single(early.Errors));
        Assert.Equal("Mark done: not possible while the task is \"briefed\".", Assert.Single((await tasks.CompleteAsync(id, me)).Errors));
        Assert.True((await tasks.StartAsync(id, me)).Succeeded);
        Assert.Equal("Result: write what you did or produced.", Assert.Single((await tasks.SubmitAsync(id, "  ", me)).Errors));
        Assert.True((await tasks.SubmitAsync(id, "Fertig.", me)).Succeeded);
        Assert.False((await tasks.SubmitAsync(id, "Nochmal.", me)).Succeeded);
        Assert.False((await tasks.StartAsync(id, me)).Succeeded);
        var task = await TaskPeople.TaskAsync(app, id);
        Assert.Equal((TaskState.Submitted, "Fertig."), (task.State, task.Result));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Assistant_NeitherSeesNorTouchesSomeoneElsesTask_AndBriefsOnlyForThemselves(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var ownersTask = await TaskPeople.BriefAsync(owner.Client, TaskPeople.Brief(owner.PersonId, title: "Steuerberater anrufen"));
        var ownTask = await TaskPeople.BriefAsync(assistant.Client, TaskPeople.Brief(assistant.PersonId, title: "Eigene Aufgabe"));

        // The page says so in words (a 404 status from a page makes Blazor drop the body; see StatusPages.razor).
        var hidden = await Html.GetAsync(assistant.Client, $"/delegation/tasks/{ownersTask}");
        Assert.Equal("This task does not exist or is not yours to see.", hidden.QuerySelector("p.empty")!.TextContent);
        Assert.DoesNotContain("Steuerberater anrufen", hidden.Body!.TextContent, StringComparison.Ordinal);
        var comment = await OpenForm.LoadAsync(assistant.Client, $"/delegation/tasks/{ownTask}", "comment");
        var posted = await comment.SubmitAsync(new Dictionary<string, string> { ["Comment"] = "Hallo" }, to: $"/delegation/tasks/{ownersTask}");
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var all = await assistant.Client.GetStringAsync("/delegation/tasks?view=all");
        Assert.Contains("Eigene Aufgabe", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Steuerberater anrufen", all, StringComparison.Ordinal);

        var forOwner = await TaskPeople.PostAsync(assistant.Client, "/delegation/tasks/new", "brief", TaskPeople.Brief(owner.PersonId, title: "Für die Chefin"));
        Assert.Contains("Assignee: you can brief tasks only for yourself.", forOwner.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.Equal(0, await db.TaskComments.CountAsync());
        Assert.Equal(2, await db.DelegatedTasks.CountAsync());
        Assert.Contains("Steuerberater anrufen", await owner.Client.GetStringAsync("/delegation/tasks?view=all"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Mentions_MailEachMentionedPersonWhoCanOpenTheTaskOnce_InTheirLanguage_ButNotTheAuthor(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["PublicUrl"] = "https://office.example.org" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var anna = await TaskPeople.AddPersonAsync(app, "Anna Assist", "anna@example.org", Roles.Assistant, "en");
        await TaskPeople.AddPersonAsync(app, "Bernd Boss", "bernd@example.org", Roles.Owner, "de");
        await TaskPeople.AddPersonAsync(app, "Carla Clerk", "carla@example.org", Roles.Assistant, "de");
        var id = await TaskPeople.BriefAsync(owner.Client, TaskPeople.Brief(anna));

        var page = await TaskPeople.PostAsync(owner.Client, $"/delegation/tasks/{id}", "comment",
            new() { ["Comment"] = "@anna, bitte mit @BERND@example.org klären (@Anna noch einmal, @carla und @olivia)." });
        Assert.Contains("@anna, bitte", page.QuerySelector("[data-testid=comments]")!.TextContent, StringComparison.Ordinal);

        await using var scope = app.Scope();
        var mails = await scope.ServiceProvider.GetRequiredService<AppDb>().OutgoingMails.AsNoTracking().OrderBy(m => m.To).ToListAsync();
        // Carla cannot open Anna's task, so she gets no mail; Olivia wrote the comment.
        Assert.Equal(["anna@example.org", "bernd@example.org"], mails.Select(m => m.To));
        Assert.StartsWith("Olivia Owner mentioned you on the task", mails[0].Subject, StringComparison.Ordinal);
        Assert.Contains($"https://office.example.org/delegation/tasks/{id}", mails[0].TextBody, StringComparison.Ordinal);
        Assert.StartsWith("Olivia Owner hat Sie bei der Aufgabe", mails[1].Subject, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ASuccessfulPost_RedirectsToTheTask_SoAReloadDoesNotRepeatIt(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (_, assistant, _, page) = await TaskPeople.OwnerBriefsAssistantAsync(app);

        var started = await assistant.Client.SubmitAsync(page, "start", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"{page}?done=started", Html.Location(started));
        var shown = await Html.GetAsync(assistant.Client, Html.Location(started)!);
        Assert.Equal("Work has started.", shown.QuerySelector("[role=status]")!.TextContent);

        // A tick redirects too: reloading afterwards shows the page instead of unticking the item again.
        var tick = Html.FormNames(shown).First(n => n.StartsWith("tick-", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await assistant.Client.SubmitAsync(page, tick, new Dictionary<string, string>())).StatusCode);
        Assert.Equal("true", (await Html.GetAsync(assistant.Client, page)).QuerySelector("ul.checklist button")!.GetAttribute("aria-pressed"));

        // A refused post stays on the page with its error.
        var refused = await assistant.Client.SubmitAsync(page, "log-time", new Dictionary<string, string> { ["Log.Duration"] = "anderthalb", ["Log.Day"] = "2026-11-18" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotNull(Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[role=alert]"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TimeLogs_AddUpOnTheTask_AndPerPersonForControlCost(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (owner, assistant, id, page) = await TaskPeople.OwnerBriefsAssistantAsync(app);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await TaskPeople.PostAsync(assistant.Client, page, "log-time", new() { ["Log.Duration"] = "1:30", ["Log.Day"] = today, ["Log.Note"] = "Export" });
        var bad = await TaskPeople.PostAsync(assistant.Client, page, "log-time", new() { ["Log.Duration"] = "anderthalb", ["Log.Day"] = today });
        Assert.Contains("Time: enter minutes", bad.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var after = await TaskPeople.PostAsync(assistant.Client, page, "log-time", new() { ["Log.Duration"] = "45", ["Log.Day"] = today });
        Assert.Equal("Logged in total: 2:15 h", after.QuerySelector("[data-testid=time-total]")!.TextContent.Trim());
        Assert.Null((await Html.GetAsync(owner.Client, page)).QuerySelector("#log-minutes"));

        await using var scope = app.Scope();
        var minutes = await scope.ServiceProvider.GetRequiredService<DelegatedTasks>().LoggedMinutesAsync(DateTime.UtcNow.AddDays(-2), DateTime.UtcNow.AddDays(2));
        Assert.Equal(135, minutes[assistant.PersonId]);
        Assert.False(minutes.ContainsKey(owner.PersonId));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Files_AreStoredWithTheirHash_AndDownloadOnlyAsAttachment(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var id = await TaskPeople.BriefAsync(owner.Client, TaskPeople.Brief(owner.PersonId));
        var page = await Html.GetAsync(owner.Client, $"/delegation/tasks/{id}");
        var token = page.QuerySelector($"form[action='/delegation/tasks/{id}/files'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var bytes = "<html><script>alert(1)</script></html>"u8.ToArray();
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes) { Headers = { ContentType = new("text/html") } }, "File", "liste.html" },
        };
        var response = await owner.Client.PostAsync($"/delegation/tasks/{id}/files", upload);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var link = (await Html.GetAsync(owner.Client, $"/delegation/tasks/{id}")).QuerySelector("a[download]")!.GetAttribute("href")!;
        var download = await owner.Client.GetAsync(link);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await assistant.Client.GetAsync(link)).StatusCode);

        using var tooLarge = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[TaskFile.MaxBytes + 1]), "File", "video.mp4" },
        };
        var refused = await owner.Client.PostAsync($"/delegation/tasks/{id}/files", tooLarge);
        var refusedPage = await Html.GetAsync(owner.Client, Html.Location(refused)!);
        Assert.Equal("File: at most 10 MB.", refusedPage.QuerySelector("[role=alert]")!.TextContent.Trim());

        await using var scope = app.Scope();
        var file = await scope.ServiceProvider.GetRequiredService<AppDb>().TaskFiles.AsNoTracking().SingleAsync();
        Assert.Equal((ApiToken.HashOf("<html><script>alert(1)</script></html>"), 38L), (file.Sha256, file.Size));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TaskPages_SpeakGerman_ToAGermanReader(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var id = await TaskPeople.BriefAsync(owner.Client, TaskPeople.Brief(owner.PersonId));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/delegation/tasks/{id}");
        request.Headers.AcceptLanguage.ParseAdd("de");
        var page = Html.Parse(await (await owner.Client.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Equal("beauftragt", page.QuerySelector("[data-testid=state]")!.TextContent.Trim());
        Assert.Contains("Fertig, wenn", page.QuerySelector(".brief")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Erwähnen Sie jemanden mit @", page.QuerySelector("#mention-hint")!.TextContent, StringComparison.Ordinal);
    }
}

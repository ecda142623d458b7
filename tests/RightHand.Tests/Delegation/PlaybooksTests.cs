using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Delegation;
using RightHand.Delegation.Playbooks;
using RightHand.Delegation.Tasks;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>Playbooks: versions with their diff, the reader's language with fallback, Markdown without raw HTML; trial tasks made from them.</summary>
public sealed class PlaybooksTests
{
    private static async Task<AngleSharp.Dom.IDocument> GetInAsync(HttpClient client, string url, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return Html.Parse(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Playbook_KeepsVersions_ShowsTheReadersLanguageOrTheOther_AndNeverRendersRawHtml(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var empty = await TaskPeople.PostAsync(owner.Client, "/delegation/playbooks/new", "playbook", new() { ["Draft.TitleDe"] = "", ["Draft.BodyDe"] = "" });
        Assert.Contains("at least one language", empty.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        var created = await owner.Client.SubmitAsync("/delegation/playbooks/new", "playbook", new Dictionary<string, string>
        {
            ["Draft.TitleDe"] = "Rechnungen ablegen", ["Draft.BodyDe"] = "Jede Rechnung **sofort** ablegen.\n\n<script>alert('x')</script>", ["Draft.ChangeNote"] = "erste Fassung",
        });
        var url = Html.LocationPath(created)!;

        var english = await GetInAsync(owner.Client, url, "en");
        var body = english.QuerySelector("[data-testid=playbook-body]")!;
        Assert.Null(body.QuerySelector("script"));
        Assert.Contains("<script>alert('x')</script>", body.TextContent, StringComparison.Ordinal);
        Assert.Equal("sofort", body.QuerySelector("strong")!.TextContent);
        Assert.Contains("not written in your language", english.QuerySelector("[role=note]")!.TextContent, StringComparison.Ordinal);

        await owner.Client.SubmitAsync(url, "revise", new Dictionary<string, string>
        {
            ["Draft.TitleDe"] = "Rechnungen ablegen", ["Draft.BodyDe"] = "Jede Rechnung am selben Tag ablegen.",
            ["Draft.TitleEn"] = "Filing invoices", ["Draft.BodyEn"] = "File every invoice the same day.", ["Draft.ChangeNote"] = "English added",
        });
        var unchanged = await owner.Client.SubmitAsync(url, "revise", new Dictionary<string, string>
        {
            ["Draft.TitleDe"] = "Rechnungen ablegen", ["Draft.BodyDe"] = "Jede Rechnung am selben Tag ablegen.",
            ["Draft.TitleEn"] = "Filing invoices", ["Draft.BodyEn"] = "File every invoice the same day.",
        });
        Assert.Contains("Nothing has changed.", await unchanged.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var current = await GetInAsync(owner.Client, url, "en");
        Assert.Equal("Filing invoices", current.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("the same day", current.QuerySelector("[data-testid=playbook-body]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, current.QuerySelectorAll("[data-testid=history] li").Length);
        Assert.Contains("Jede Rechnung am selben Tag ablegen.", current.QuerySelector("[data-testid=diff] .diff-added")!.TextContent, StringComparison.Ordinal);
        var german = await GetInAsync(owner.Client, url, "de");
        Assert.Equal("Rechnungen ablegen", german.QuerySelector("h1")!.TextContent.Trim());
        var first = await GetInAsync(owner.Client, $"{url}?version=1", "de");
        Assert.Contains("sofort", first.QuerySelector("[data-testid=playbook-body]")!.TextContent, StringComparison.Ordinal);

        var missing = await GetInAsync(owner.Client, $"/delegation/playbooks/{Guid.NewGuid()}", "en");
        Assert.Equal("This playbook does not exist.", missing.QuerySelector("p.empty")!.TextContent);

        var found = await GetInAsync(owner.Client, "/delegation/playbooks?q=FILING", "en");
        Assert.Contains("Filing invoices", found.QuerySelector("[data-testid=playbooks]")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await GetInAsync(owner.Client, "/delegation/playbooks?q=Lohn", "en")).QuerySelector("[data-testid=playbooks]"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TrialTasks_OnePerPlaybook_InThePersonsLanguage_MarkedTrial_AndAlwaysReviewed(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        Guid invoices, mails;
        await using (var scope = app.Scope())
        {
            var library = scope.ServiceProvider.GetRequiredService<PlaybookLibrary>();
            invoices = (await library.WriteAsync(new PlaybookDraft("Rechnungen ablegen", "Ablegen.", "Filing invoices", "File them.", ""), owner.PersonId)).Id!.Value;
            mails = (await library.WriteAsync(new PlaybookDraft("", "", "Answering mail", "Answer within a day.", ""), owner.PersonId)).Id!.Value;
            // Make task results trusted: trial results must still be reviewed.
            await scope.ServiceProvider.GetRequiredService<Approvals>().SetLevelAsync("task-result", AutonomyLevel.Autonomous, owner.PersonId);
        }

        var page = await Html.GetAsync(owner.Client, "/delegation/tasks/trial");
        var form = page.QuerySelectorAll("form").First(f => f.QuerySelector("input[name=_handler][value=trial]") is not null);
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.AddRange([new("Person", assistant.PersonId.ToString()), new("Playbooks", invoices.ToString()), new("Playbooks", mails.ToString()),
            new("Deadline", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);
        var response = await owner.Client.PostAsync("/delegation/tasks/trial", new FormUrlEncodedContent(fields));
        // Redirected, so that a reload does not create them again.
        Assert.Equal("/delegation/tasks/trial", Html.LocationPath(response));
        Assert.Contains("2 trial tasks created.", await owner.Client.GetStringAsync(Html.Location(response)!), StringComparison.Ordinal);

        List<DelegatedTask> trials;
        await using (var scope = app.Scope())
            trials = await scope.ServiceProvider.GetRequiredService<AppDb>().DelegatedTasks.AsNoTracking().OrderBy(t => t.Goal).ToListAsync();
        // The assistant's language is German: German words, the German title where there is one, else the English.
        Assert.Equal(["Probeaufgabe: Answering mail", "Probeaufgabe: Rechnungen ablegen"], trials.Select(t => t.Goal));
        Assert.All(trials, t => Assert.True(t.IsTrial && t.AssigneeId == assistant.PersonId));
        Assert.Equal(invoices, trials[1].PlaybookId);
        Assert.Contains("Rechnungen ablegen", trials[1].DefinitionOfDone, StringComparison.Ordinal);

        var list = await Html.GetAsync(assistant.Client, "/delegation/tasks");
        Assert.Equal(2, list.QuerySelectorAll("[data-testid=task-list] .badge").Count(b => b.TextContent == "Trial"));
        var taskPage = $"/delegation/tasks/{trials[1].Id}";
        Assert.EndsWith($"/delegation/playbooks/{invoices}", (await Html.GetAsync(assistant.Client, taskPage)).QuerySelector("[data-testid=playbook-link]")!.GetAttribute("href"), StringComparison.Ordinal);
        await TaskPeople.PostAsync(assistant.Client, taskPage, "start");
        await TaskPeople.PostAsync(assistant.Client, taskPage, "submit", new() { ["Result"] = "Abgelegt; Schritt 3 war unklar." });

        await using var check = app.Scope();
        var request = await check.ServiceProvider.GetRequiredService<AppDb>().ApprovalRequests.AsNoTracking().SingleAsync(a => a.ItemId == trials[1].Id.ToString());
        Assert.True(request.SampledForReview);
        Assert.Equal(ApprovalState.AutoApproved, request.State);
        Assert.Equal(TaskState.Approved, (await TaskPeople.TaskAsync(app, trials[1].Id)).State);
    }
}

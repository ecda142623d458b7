using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Delegation.Tasks;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;

namespace RightHand.Tests.Delegation;

/// <summary>Helpers for the task tests: people who are only mentioned (never sign in), briefs through the form, task state from the database.</summary>
internal static class TaskPeople
{
    public static async Task<Guid> AddPersonAsync(TestApp app, string name, string email, string role, string language)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var person = new Person { Name = name, Email = email, NormalizedEmail = email.ToUpperInvariant(), Role = role, Language = language, CreatedAt = DateTime.UtcNow };
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }

    public static Dictionary<string, string> Brief(Guid assignee, string title = "Mitgliederliste bereinigen", string goal = "Doppelte Einträge entfernen",
        string done = "Keine Dubletten mehr; Liste als CSV angehängt", string checklist = "Export ziehen\nDubletten markieren") => new()
    {
        ["Brief.Title"] = title, ["Brief.Goal"] = goal, ["Brief.Context"] = "Seit dem Import im Mai gibt es Dubletten.", ["Brief.DefinitionOfDone"] = done,
        ["Brief.Deadline"] = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Brief.Priority"] = "High",
        ["Brief.WorkLanguage"] = "de", ["Brief.Links"] = "https://example.org/liste", ["Brief.Checklist"] = checklist, ["Brief.Assignee"] = assignee.ToString(),
    };

    /// <summary>Briefs through /delegation/tasks/new and returns the new task's id from the redirect.</summary>
    public static async Task<Guid> BriefAsync(HttpClient client, Dictionary<string, string> fields)
    {
        var response = await client.SubmitAsync("/delegation/tasks/new", "brief", fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Briefing failed: {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        return Guid.Parse(Html.LocationPath(response)!.Split('/')[^1]);
    }

    /// <summary>The common start: an owner, a signed-in assistant and a task the owner briefed for the assistant.</summary>
    public static async Task<(StaffSession Owner, StaffSession Assistant, Guid TaskId, string Page)> OwnerBriefsAssistantAsync(TestApp app)
    {
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var id = await BriefAsync(owner.Client, Brief(assistant.PersonId));
        return (owner, assistant, id, $"/delegation/tasks/{id}");
    }

    public static async Task<DelegatedTask> TaskAsync(TestApp app, Guid id)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().DelegatedTasks.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    public static async Task<IDocument> PostAsync(HttpClient client, string page, string form, Dictionary<string, string>? fields = null)
    {
        var response = await client.SubmitAsync(page, form, fields ?? []);
        // A successful post on a task page redirects to it (Post/Redirect/Get): follow, as the browser does.
        if (response.StatusCode == System.Net.HttpStatusCode.Redirect) return await Html.GetAsync(client, Html.Location(response)!);
        response.EnsureSuccessStatusCode();
        return Html.Parse(await response.Content.ReadAsStringAsync());
    }
}

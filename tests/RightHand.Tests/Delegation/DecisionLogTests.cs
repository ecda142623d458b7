using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Delegation.Decisions;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>The decision log through its pages: propose, agree, change after agreement (reason, new version, diff, mail), late changes.</summary>
public sealed class DecisionLogTests
{
    private static async Task<Guid> ProposeThroughThePageAsync(StaffSession author, string title, string text, string? eventAtLocal, params Guid[] participants)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Draft.Title", title), new("Draft.Text", text), new("Draft.EventAt", eventAtLocal ?? "") };
        fields.AddRange(participants.Select(p => new KeyValuePair<string, string>("Draft.Participants", p.ToString())));
        var response = await author.Client.SubmitAsync("/delegation/decisions/new", "propose", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return Guid.Parse(Html.LocationPath(response)!.Split('/').Last());
    }

    private static Task<HttpResponseMessage> ChangeAsync(StaffSession author, Guid id, string title, string text, string reason) =>
        author.Client.SubmitAsync($"/delegation/decisions/{id}", "change", new Dictionary<string, string>
        {
            ["Edit.Title"] = title, ["Edit.Text"] = text, ["Edit.Reason"] = reason,
        });

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AgreedByAll_ThenAChangeNeedsAReason_MakesVersion2WithTheDiff_AndMailsTheOthersInTheirLanguage(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant); // German, the default language of a person
        var id = await ProposeThroughThePageAsync(owner, "Webinar Mitgliederversammlung", "Einladung am Montag\nFolien von Olivia", "2099-12-03T18:00",
            owner.PersonId, assistant.PersonId);

        var agreeing = await owner.Client.SubmitAsync($"/delegation/decisions/{id}", "agree", new Dictionary<string, string>());
        // Post/Redirect/Get: reloading afterwards is a GET, not the same post again (answered with 400 once its form is gone).
        Assert.Equal(HttpStatusCode.Redirect, agreeing.StatusCode);
        Assert.Equal($"/delegation/decisions/{id}?done=agreed", Html.Location(agreeing));
        var half = await Html.GetAsync(owner.Client, $"/delegation/decisions/{id}?done=agreed");
        Assert.Equal("You agreed.", half.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("proposed", half.QuerySelector("[data-testid=state]")!.TextContent);
        Assert.DoesNotContain("agree", Html.FormNames(half)); // the owner has agreed already
        await assistant.Client.SubmitAsync($"/delegation/decisions/{id}", "agree", new Dictionary<string, string>());
        var agreed = await Html.GetAsync(owner.Client, $"/delegation/decisions/{id}");
        Assert.Equal("agreed", agreed.QuerySelector("[data-testid=state]")!.TextContent);
        Assert.Equal(2, agreed.QuerySelectorAll("tr[data-person] .badge.ok").Length);

        var refused = await ChangeAsync(owner, id, "Webinar Mitgliederversammlung", "Einladung am Dienstag\nFolien von Olivia", " ");
        Assert.Contains("Reason: a change after agreement needs a reason.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.Equal(1, await db.DecisionVersions.CountAsync(v => v.DecisionId == id));
            var unchanged = await db.Decisions.AsNoTracking().SingleAsync(d => d.Id == id);
            Assert.Equal((DecisionState.Agreed, "Einladung am Montag\nFolien von Olivia"), (unchanged.State, unchanged.Text));
            Assert.Equal(0, await db.OutgoingMails.CountAsync(m => m.Subject.Contains("Webinar")));
        }

        await ChangeAsync(owner, id, "Webinar Mitgliederversammlung", "Einladung am Dienstag\nFolien von Olivia", "Montag ist Feiertag");
        var changed = await Html.GetAsync(owner.Client, $"/delegation/decisions/{id}");
        Assert.Equal("changed after agreement, awaiting agreement", changed.QuerySelector("[data-testid=state]")!.TextContent);
        var diff = changed.QuerySelector("[data-version='2'] [data-testid=diff]")!;
        Assert.Equal("Einladung am Montag", diff.QuerySelector(".diff-removed")!.TextContent.Trim().TrimStart('−', ' '));
        Assert.Equal("Einladung am Dienstag", diff.QuerySelector(".diff-added")!.TextContent.Trim().TrimStart('+', ' '));
        Assert.Contains("Montag ist Feiertag", changed.QuerySelector("[data-version='2']")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(changed.QuerySelectorAll("tr[data-person] .badge.ok")); // both agree again to version 2

        await using (var scope = app.Scope())
        {
            var mails = await scope.ServiceProvider.GetRequiredService<AppDb>().OutgoingMails.AsNoTracking().Where(m => m.Subject.Contains("Webinar")).ToListAsync();
            var mail = Assert.Single(mails); // not to the owner, who made the change
            Assert.Equal(assistant.Email, mail.To);
            Assert.Equal("Entscheidung geändert: Webinar Mitgliederversammlung", mail.Subject);
            Assert.Contains("Grund: Montag ist Feiertag", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("− Einladung am Montag\n+ Einladung am Dienstag", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/delegation/decisions/{id}", mail.TextBody, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AChangeInTheLast24HoursBeforeTheEvent_IsFlaggedRed_AndTheMailSaysSo(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var eventAt = clock.GetUtcNow().UtcDateTime.AddHours(25);
        Guid id;
        await using (var scope = app.Scope())
        {
            var log = scope.ServiceProvider.GetRequiredService<DecisionLog>();
            var (result, decision) = await log.ProposeAsync(new DecisionDraft("Webinar Ablauf", "Start 18:00", eventAt, [owner.PersonId, assistant.PersonId]), owner.PersonId);
            Assert.True(result.Succeeded);
            id = decision!.Id;
            await log.AgreeAsync(id, owner.PersonId);
            await log.AgreeAsync(id, assistant.PersonId);
        }
        await ChangeAsync(owner, id, "Webinar Ablauf", "Start 18:30", "Referent verspätet");
        Assert.Empty((await Html.GetAsync(owner.Client, "/delegation/decisions")).QuerySelectorAll("[data-testid=late]")); // 25 hours ahead: in time

        clock.Advance(TimeSpan.FromHours(2));
        await ChangeAsync(assistant, id, "Webinar Ablauf", "Start 19:00", "Technik-Probe dauert länger");

        var row = (await Html.GetAsync(owner.Client, "/delegation/decisions")).QuerySelector($"tr[data-decision='{id}']")!;
        Assert.Contains("late-change", row.ClassList);
        Assert.NotNull(row.QuerySelector("[data-testid=late]"));
        var page = await Html.GetAsync(owner.Client, $"/delegation/decisions/{id}");
        Assert.NotNull(page.QuerySelector("[data-testid=late]"));
        Assert.Contains("late-change", page.QuerySelector("[data-version='3']")!.ClassList);
        Assert.DoesNotContain("late-change", page.QuerySelector("[data-version='2']")!.ClassList);

        await using (var scope = app.Scope())
        {
            var mail = await scope.ServiceProvider.GetRequiredService<AppDb>().OutgoingMails.AsNoTracking()
                .SingleAsync(m => m.To == owner.Email && m.Subject.Contains("Webinar"));
            Assert.Equal("Late change to a decision: Webinar Ablauf", mail.Subject); // the owner reads English
            Assert.Contains("LATE CHANGE: this change was made less than 24 hours before the event", mail.TextBody, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ADecisionWithoutParticipants_IsRefused_AndNothingIsSaved(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var response = await owner.Client.SubmitAsync("/delegation/decisions/new", "propose", new Dictionary<string, string>
        {
            ["Draft.Title"] = "Sommerfest", ["Draft.Text"] = "Am 5. Juli",
        });
        Assert.Contains("Participants: choose at least one person who has to agree.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = app.Scope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDb>().Decisions.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheList_ShowsUpcomingDecisions_AndPastOnesUnderPast(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await using (var scope = app.Scope())
        {
            var log = scope.ServiceProvider.GetRequiredService<DecisionLog>();
            await log.ProposeAsync(new DecisionDraft("Sommerfest", "Im Garten", DateTime.UtcNow.AddDays(-3), [owner.PersonId]), owner.PersonId);
            await log.ProposeAsync(new DecisionDraft("Jahresbericht", "Bis Ende Januar", DateTime.UtcNow.AddDays(40), [owner.PersonId]), owner.PersonId);
            await log.ProposeAsync(new DecisionDraft("Ton in Antworten", "Wir duzen", null, [owner.PersonId]), owner.PersonId);
        }

        static List<string> Titles(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("tr[data-decision] a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Jahresbericht", "Ton in Antworten"], Titles(await Html.GetAsync(owner.Client, "/delegation/decisions")));
        Assert.Equal(["Sommerfest"], Titles(await Html.GetAsync(owner.Client, "/delegation/decisions?show=past")));
    }
}

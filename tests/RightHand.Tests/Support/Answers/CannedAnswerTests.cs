using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Delegation;
using RightHand.Platform.Database;
using RightHand.Support.Answers;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Answers;

/// <summary>Canned answers: the assistant's need the owner's approval before agents use them; the owner's are in use at once.</summary>
public sealed class CannedAnswerTests
{
    private static Dictionary<string, string> Fields(string title, string body, string language = "de", string? category = "Rechnung", bool faq = false)
    {
        var fields = new Dictionary<string, string> { ["Form.Language"] = language, ["Form.Title"] = title, ["Form.Body"] = body, ["Form.Category"] = category ?? "" };
        if (faq) fields["Form.InFaq"] = "true";
        return fields;
    }

    private static async Task<T> QueryAsync<T>(TestApp app, Func<AppDb, Task<T>> query)
    {
        await using var scope = app.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheAssistantsAnswer_IsUsedOnlyOnceApproved_AndAnEditKeepsTheApprovedVersionInUse(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);

        var typo = await assistant.Client.SubmitAsync("/support/answers/new", "answer", Fields("Rechnung doppelt", "Hallo {{member.firstname}}, …"));
        var alert = Html.Parse(await typo.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Text: there is no merge field {{member.firstname}}. Known are: {{agent.name}}", alert, StringComparison.Ordinal);
        var untitled = await assistant.Client.SubmitAsync("/support/answers/new", "answer", Fields(" ", "Hallo"));
        Assert.Contains("Title: give the answer a name agents will recognise.", await untitled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(app, db => db.CannedAnswers.CountAsync()));

        var body = "Hallo {{#if member.first_name}}{{member.first_name}}{{else}}zusammen{{/if}},\nzu {{ticket.number}}: die doppelte Abbuchung erstatten wir.\n{{agent.name}}";
        var saved = await assistant.Client.SubmitAsync("/support/answers/new", "answer", Fields("Rechnung doppelt", body, faq: true));
        var page = Html.LocationPath(saved)!;
        var waiting = await Html.GetAsync(assistant.Client, Html.Location(saved)!);
        Assert.Equal("Saved; the owner has been asked to approve it.", waiting.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("awaiting approval", waiting.QuerySelector("[data-testid=state]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hallo Erika,\nzu #10234: die doppelte Abbuchung", waiting.QuerySelector("[data-testid=preview]")!.TextContent, StringComparison.Ordinal);
        var id = Guid.Parse(page.Split('/')[^1]);
        await using (var scope = app.Scope())
        {
            var answers = scope.ServiceProvider.GetRequiredService<CannedAnswers>();
            Assert.Empty(await answers.LiveAsync("de"));
            Assert.Null(await answers.UseAsync(id, new Dictionary<string, string?>()));
        }
        var inUse = await Html.GetAsync(assistant.Client, "/support/answers");
        Assert.Empty(inUse.QuerySelectorAll("[data-testid=answers] tbody tr"));
        Assert.Single((await Html.GetAsync(assistant.Client, "/support/answers?view=waiting")).QuerySelectorAll("[data-testid=answers] tbody tr"));

        var request = await QueryAsync(app, db => db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.WorkTypeKey == CannedAnswers.WorkType));
        Assert.Equal(("Canned answer: Rechnung doppelt", ApprovalState.Pending), (request.Title, request.State));
        Assert.Contains("die doppelte Abbuchung erstatten wir", request.Preview, StringComparison.Ordinal);
        await owner.Client.SubmitAsync("/delegation/approvals", $"approve-{request.Id}", new Dictionary<string, string>());

        await using (var scope = app.Scope())
        {
            var answers = scope.ServiceProvider.GetRequiredService<CannedAnswers>();
            Assert.Equal(["Rechnung doppelt"], (await answers.LiveAsync("de")).Select(a => a.LiveTitle));
            Assert.Empty(await answers.LiveAsync("en"));
            var text = await answers.UseAsync(id, new Dictionary<string, string?> { ["ticket.number"] = "#10777", ["agent.name"] = "Alex" });
            Assert.Equal("Hallo zusammen,\nzu #10777: die doppelte Abbuchung erstatten wir.\nAlex", text);
            await scope.ServiceProvider.GetRequiredService<AppDb>().SaveChangesAsync();
        }
        var approved = await Html.GetAsync(assistant.Client, page);
        Assert.Contains("in use", approved.QuerySelector("[data-testid=state]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("used 1 times", approved.QuerySelector("[data-testid=state]")!.TextContent, StringComparison.Ordinal);

        // An edit needs a new approval; until then agents keep using the approved text.
        await assistant.Client.SubmitAsync(page, "answer", Fields("Rechnung doppelt", body.Replace("erstatten wir", "erstatten wir binnen 5 Tagen", StringComparison.Ordinal), faq: true));
        var live = await QueryAsync(app, db => db.CannedAnswers.AsNoTracking().SingleAsync());
        Assert.Equal((CannedAnswerState.WaitingForApproval, body), (live.State, live.LiveBody));
        var changes = await QueryAsync(app, db => db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.WorkTypeKey == CannedAnswers.WorkType && a.State == ApprovalState.Pending));
        await owner.Client.SubmitAsync("/delegation/approvals", $"changes-{changes.Id}", new Dictionary<string, string> { ["Comment"] = "Fünf Werktage, bitte." });
        var sentBack = await Html.GetAsync(assistant.Client, page);
        Assert.Contains("Fünf Werktage, bitte.", sentBack.QuerySelector("[data-testid=review-comment]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(body, (await QueryAsync(app, db => db.CannedAnswers.AsNoTracking().SingleAsync())).LiveBody);
        Assert.Single((await Html.GetAsync(assistant.Client, "/support/answers?view=changes")).QuerySelectorAll("[data-testid=answers] tbody tr"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheOwnersAnswer_IsInUseAtOnce_AndCanBeReviewedAndArchived(Engine engine)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var saved = await owner.Client.SubmitAsync("/support/answers/new", "answer", Fields("Password reset", "Hello {{requester.name}}, use the link on the sign-in page.", "en", null));
        var page = Html.LocationPath(saved)!;
        Assert.Equal("Saved; agents use this version now.", (await Html.GetAsync(owner.Client, Html.Location(saved)!)).QuerySelector("[role=status]")!.TextContent);
        Assert.False(await QueryAsync(app, db => db.ApprovalRequests.AnyAsync()));

        // Half a year and more later (set in the table: a session would not last that long).
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<AppDb>().CannedAnswers
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastReviewedAt, clock.GetUtcNow().UtcDateTime.AddDays(-200)));
        var due = await Html.GetAsync(owner.Client, "/support/answers?view=review");
        Assert.Equal("Password reset", due.QuerySelector("[data-testid=answers] tbody tr a")!.TextContent);
        await owner.Client.SubmitAsync(page, "reviewed", new Dictionary<string, string>());
        Assert.Empty((await Html.GetAsync(owner.Client, "/support/answers?view=review")).QuerySelectorAll("[data-testid=answers] tbody tr"));

        await owner.Client.SubmitAsync(page, "archive", new Dictionary<string, string>());
        Assert.Empty((await Html.GetAsync(owner.Client, "/support/answers")).QuerySelectorAll("[data-testid=answers] tbody tr"));
        await using (var scope = app.Scope())
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<CannedAnswers>().LiveAsync(null));
    }

    [Fact]
    public void MergeFields_AreCheckedAndRenderedAsPlainText()
    {
        static string Unknown(string name, string known) => "unknown " + name;
        Assert.Empty(MergeFields.Problems("Hi {{member.first_name}} {{#unless ticket.number}}x{{/unless}}", Unknown, d => d));
        Assert.Equal(["unknown member.iban", "unknown lookup"], MergeFields.Problems("{{member.iban}} {{lookup}} {{member.iban}}", Unknown, d => d));
        Assert.Single(MergeFields.Problems("{{#if member.first_name}}open", Unknown, d => "broken"));
        // Plain text: nothing is HTML-escaped, and nothing a member typed is interpreted.
        Assert.Equal("Hi <b>Ö & Co</b> {{x}}", MergeFields.Render("Hi {{member.first_name}}", new Dictionary<string, string?> { ["member.first_name"] = "<b>Ö & Co</b> {{x}}" }));
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Support;
using RightHand.Support.Ratings;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using RightHand.Tests.Support.Portal;
using Xunit;

namespace RightHand.Tests.Support.Ratings;

/// <summary>Satisfaction: the mail with one-click links when a ticket is solved, the rating page, rating in the portal, the staff report.</summary>
public sealed partial class SatisfactionTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task SolvingATicket_MailsRatingLinks_OpeningOneChangesNothing_TheButtonSaves_UntilTheTicketIsClosed(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, PortalTicketSteps.NoJobs, clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var member = await SupportPages.MemberAsync(app, owner.PersonId, "Jana", "Jäger", "jana@example.org", "de");
        var ticket = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Email, new TicketRequester(member.Id, null), "Rechnung fehlt", "Hallo"));

        var solved = await owner.Client.SubmitAsync($"/support/tickets/{ticket.Number}", "state", new Dictionary<string, string> { ["NewState"] = "Solved" });
        Assert.Equal(HttpStatusCode.Redirect, solved.StatusCode);
        var mails = await MailsAsync(app, "jana@example.org");
        var survey = Assert.Single(mails);
        Assert.Equal($"[{ticket.Reference}] Wie zufrieden waren Sie?", survey.Subject);
        Assert.Contains("ist gelöst", survey.TextBody, StringComparison.Ordinal);
        var links = RatingLink().Matches(survey.TextBody).Select(m => (Token: m.Groups[1].Value, Score: m.Groups[2].Value)).ToList();
        Assert.Equal(["5", "4", "3", "2", "1"], links.Select(l => l.Score));
        var token = Assert.Single(links.Select(l => l.Token).Distinct());

        // A mail scanner following the link changes nothing; the page shows the choice ready to send.
        var anonymous = app.CreateClient();
        var page = await Html.GetAsync(anonymous, $"/portal/rate/{token}?score=4");
        Assert.Contains(ticket.Reference, page.QuerySelector("[data-testid=ticket]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("4", page.QuerySelector("input[name='Input.Score'][checked]")!.GetAttribute("value"));
        Assert.Null((await PortalTicketSteps.TicketAsync(app, ticket.Number)).Rating);

        var sent = await anonymous.SubmitAsync($"/portal/rate/{token}?score=4", "rate", new Dictionary<string, string> { ["Input.Score"] = "4", ["Input.Comment"] = "Schnell und freundlich." });
        Assert.Equal($"/portal/rate/{token}?saved=true", Html.Location(sent));
        var rated = await PortalTicketSteps.TicketAsync(app, ticket.Number);
        Assert.Equal((4, "Schnell und freundlich."), (rated.Rating, rated.RatingComment));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, rated.RatedAt!.Value, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds

        // Bad input names the field and changes nothing; a changed mind is kept while the ticket is solved.
        var bad = await anonymous.SubmitAsync($"/portal/rate/{token}", "rate", new Dictionary<string, string> { ["Input.Score"] = "9" });
        Assert.Contains("Rating: choose from 1 (poor) to 5 (excellent).", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(4, (await PortalTicketSteps.TicketAsync(app, ticket.Number)).Rating);
        await anonymous.SubmitAsync($"/portal/rate/{token}", "rate", new Dictionary<string, string> { ["Input.Score"] = "2", ["Input.Comment"] = "Doch nicht gelöst." });
        Assert.Equal(2, (await PortalTicketSteps.TicketAsync(app, ticket.Number)).Rating);

        // Staff see it on the ticket page.
        var staffPage = await Html.GetAsync(owner.Client, $"/support/tickets/{ticket.Number}");
        Assert.Equal("2 of 5", staffPage.QuerySelector("[data-testid=rating] strong")!.TextContent);
        Assert.Equal("Doch nicht gelöst.", staffPage.QuerySelector("[data-testid=rating-comment]")!.TextContent);

        // A forged or damaged token opens nothing.
        var forged = await Html.GetAsync(anonymous, $"/portal/rate/{token[..^2]}xy?score=5");
        Assert.Contains("This rating link is invalid.", forged.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("rate", Html.FormNames(forged));

        // Closed: the rating stays as it is, even from a page loaded before.
        var open = await OpenForm.LoadAsync(anonymous, $"/portal/rate/{token}", "rate");
        await PortalTicketSteps.DeskAsync(app, d => d.SetStateAsync(ticket.Id, TicketState.Closed));
        var late = await open.SubmitAsync(new Dictionary<string, string> { ["_handler"] = "rate", ["Input.Score"] = "5" });
        Assert.NotEqual(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Equal(2, (await PortalTicketSteps.TicketAsync(app, ticket.Number)).Rating);
        Assert.NotNull((await Html.GetAsync(anonymous, $"/portal/rate/{token}")).QuerySelector("[data-testid=closed]"));
        Assert.Single(await MailsAsync(app, "jana@example.org"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AMember_RatesTheSolvedTicketInThePortal_AndAnsweringReopensIt(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, PortalTicketSteps.NoJobs);
        var (owner, emily) = await PortalTicketSteps.OwnerAndEmilyAsync(app);
        var number = await PortalTicketSteps.AskAsync(emily, "Password reset", "The mail never arrives.");
        var ticket = await PortalTicketSteps.TicketAsync(app, number);
        Assert.Null((await Html.GetAsync(emily.Client, $"/portal/tickets/{number}")).QuerySelector("[data-testid=rating] form"));

        // A reply that solves the ticket asks for the rating in English, the member's language.
        await PortalTicketSteps.DeskAsync(app, d => d.ReplyAsync(ticket.Id, owner.PersonId, "Sent again; please check the spam folder.", TicketState.Solved));
        Assert.Contains(await MailsAsync(app, "emily@example.org"), m => m.Subject == $"[#{number}] How did we do?");
        var page = await Html.GetAsync(emily.Client, $"/portal/tickets/{number}");
        Assert.Equal("Solved", page.QuerySelector("[data-testid=state]")!.TextContent);
        Assert.Contains("rate", Html.FormNames(page));

        var rated = await emily.Client.SubmitAsync($"/portal/tickets/{number}", "rate", new Dictionary<string, string> { ["Rating.Score"] = "5", ["Rating.Comment"] = "Found it." });
        Assert.Equal($"/portal/tickets/{number}?done=rated", Html.Location(rated));
        Assert.Equal((5, "Found it."), ((await PortalTicketSteps.TicketAsync(app, number)).Rating, (await PortalTicketSteps.TicketAsync(app, number)).RatingComment));

        await emily.Client.SubmitAsync($"/portal/tickets/{number}", "answer", new Dictionary<string, string> { ["Answer.Body"] = "It happened again." });
        var reopened = await Html.GetAsync(emily.Client, $"/portal/tickets/{number}");
        Assert.Equal("We are working on it", reopened.QuerySelector("[data-testid=state]")!.TextContent);
        Assert.Equal("Your rating: 5 – excellent", reopened.QuerySelector("[data-testid=rating]")!.TextContent);
        Assert.DoesNotContain("rate", Html.FormNames(reopened));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheReport_AveragesPerAgentAndCategory_OverTheChosenPeriod_WithTheLatestComments(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, PortalTicketSteps.NoJobs, clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var member = await SupportPages.MemberAsync(app, owner.PersonId, "Emily", "Evans", "emily@example.org");
        Guid billing;
        await using (var scope = app.Scope())
        {
            var categories = scope.ServiceProvider.GetRequiredService<TicketCategories>();
            Assert.True((await categories.AddAsync("Billing")).Succeeded);
            billing = (await categories.ListAsync(false)).Single().Id;
        }

        // Long ago: the owner's 1 (outside the default 90 days). Lately: the owner's 5 and 4 on billing, the assistant's 2 without a category.
        // Through the services only while the clock is back, so the staff sessions signed in now stay valid.
        clock.Advance(TimeSpan.FromDays(-120));
        await RateAsync(app, clock, member.Id, owner.PersonId, billing, 1, "Too slow.");
        clock.Advance(TimeSpan.FromDays(120));
        await RateAsync(app, clock, member.Id, owner.PersonId, billing, 5, null);
        await RateAsync(app, clock, member.Id, owner.PersonId, billing, 4, "Helpful.");
        await RateAsync(app, clock, member.Id, assistant.PersonId, null, 2, "Needed three tries.");

        var report = await Html.GetAsync(owner.Client, "/support/satisfaction");
        Assert.Equal("Average 3.7 from 3 ratings", report.QuerySelector("[data-testid=overall]")!.TextContent.Trim());
        Assert.Equal([("Olivia Owner", "4.5", "2"), (assistant.Name, "2.0", "1")], Rows(report, "by-agent"));
        Assert.Equal([("Billing", "4.5", "2"), ("no category", "2.0", "1")], Rows(report, "by-category"));
        var comments = report.QuerySelectorAll("[data-testid=comments] blockquote").Select(b => b.TextContent).ToList();
        Assert.Equal(["Needed three tries.", "Helpful."], comments);

        var year = await Html.GetAsync(owner.Client, "/support/satisfaction?days=365");
        Assert.Equal([("Olivia Owner", "3.3", "3"), (assistant.Name, "2.0", "1")], Rows(year, "by-agent"));
        Assert.Contains("Too slow.", year.QuerySelector("[data-testid=comments]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/access-denied", Html.LocationPath(await (await StaffSession.CreateAndSignInAsync(app, Roles.It)).Client.GetAsync("/support/satisfaction")));
    }

    /// <summary>A ticket of the member, given to an agent and filed, solved and rated by the member; a minute later the next.</summary>
    private static async Task RateAsync(TestApp app, ManualClock clock, Guid memberId, Guid agent, Guid? category, int score, string? comment)
    {
        var ticket = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(memberId, null), "Question", "Hello.", CategoryId: category));
        await PortalTicketSteps.DeskAsync(app, d => d.AssignAsync(ticket.Id, agent));
        await PortalTicketSteps.DeskAsync(app, d => d.SetStateAsync(ticket.Id, TicketState.Solved));
        await using var scope = app.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<SatisfactionSurvey>().RateAsMemberAsync(ticket.Id, memberId, score, comment);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        clock.Advance(TimeSpan.FromMinutes(1));
    }

    private static List<(string, string, string)> Rows(AngleSharp.Dom.IDocument page, string table) =>
        page.QuerySelectorAll($"[data-testid={table}] tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent, r.QuerySelectorAll("td")[0].TextContent, r.QuerySelectorAll("td")[1].TextContent)).ToList();

    private static async Task<List<RightHand.Platform.Mail.OutgoingMail>> MailsAsync(TestApp app, string to)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().OutgoingMails.AsNoTracking().Where(m => m.To == to).ToListAsync();
    }

    [GeneratedRegex(@"/portal/rate/([A-Za-z0-9_\-]+)\?score=([1-5])")]
    private static partial Regex RatingLink();
}

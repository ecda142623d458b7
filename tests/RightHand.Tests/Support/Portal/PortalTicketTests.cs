using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Support;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Portal;

/// <summary>The member's tickets in the portal: asking, the conversation without internal notes, answering, attachments, paging.</summary>
public sealed class PortalTicketTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AMember_AsksWithAFile_SeesOnlyPublicReplies_AndTheirAnswerReopensTheTicket(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, PortalTicketSteps.NoJobs);
        var (owner, emily) = await PortalTicketSteps.OwnerAndEmilyAsync(app);

        var number = await PortalTicketSteps.AskAsync(emily, "Cannot download my invoice", "The button does nothing.",
            ("error.txt", "text/plain", Encoding.UTF8.GetBytes("Error 500")));
        var ticket = await PortalTicketSteps.TicketAsync(app, number);
        Assert.Equal((TicketChannel.Portal, emily.Id, TicketState.New), (ticket.Channel, ticket.RequesterMemberId, ticket.State));
        var opened = await Html.GetAsync(emily.Client, $"/portal/tickets/{number}?done=opened");
        Assert.Contains("We have your question", opened.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("We are working on it", opened.QuerySelector("[data-testid=state]")!.TextContent);
        Assert.Equal("error.txt", opened.QuerySelector("[data-testid=attachment]")!.TextContent);

        // Staff write an internal note with a file, then a public reply with a file.
        await using (var scope = app.Scope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<TicketDesk>();
            await using var secret = new MemoryStream(Encoding.UTF8.GetBytes("internal log"));
            Assert.True((await desk.AddNoteAsync(ticket.Id, owner.PersonId, "SECRET: member owes us money", [new NewAttachment("internal.log", "text/plain", secret)])).Succeeded);
            await using var guide = new MemoryStream(Encoding.UTF8.GetBytes("Step 1: reload"));
            Assert.True((await desk.ReplyAsync(ticket.Id, owner.PersonId, "Please try again now.", null, [new NewAttachment("guide.txt", "text/plain", guide)])).Succeeded);
        }
        var page = await Html.GetAsync(emily.Client, $"/portal/tickets/{number}");
        var conversation = page.QuerySelector("[data-testid=conversation]")!;
        Assert.Equal(["requester", "reply"], conversation.QuerySelectorAll("[data-message-kind]").Select(m => m.GetAttribute("data-message-kind")));
        Assert.Contains("Please try again now.", conversation.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("internal.log", page.Body.TextContent, StringComparison.Ordinal);
        Assert.Equal("Waiting for your answer", page.QuerySelector("[data-testid=state]")!.TextContent);

        // The reply's file comes through the portal's own endpoint; the note's file does not, even by its id.
        var links = page.QuerySelectorAll("[data-testid=attachment]").ToDictionary(a => a.TextContent, a => a.GetAttribute("href")!);
        Assert.All(links.Values, href => Assert.StartsWith("/portal/tickets/attachments/", href, StringComparison.Ordinal));
        Assert.Equal("Step 1: reload", await emily.Client.GetStringAsync(links["guide.txt"]));
        Guid noteFile;
        await using (var scope = app.Scope())
            noteFile = await scope.ServiceProvider.GetRequiredService<AppDb>().TicketAttachments.Where(a => a.FileName == "internal.log").Select(a => a.Id).SingleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await emily.Client.GetAsync($"/portal/tickets/attachments/{noteFile}")).StatusCode);

        // The member's answer goes onto the ticket and it is staff's turn again.
        var answered = await PortalTicketSteps.PostAsync(emily.Client, $"/portal/tickets/{number}", "answer", new Dictionary<string, string> { ["Answer.Body"] = "Works now, thanks!" });
        Assert.Equal($"/portal/tickets/{number}?done=answered", Html.Location(answered));
        Assert.Equal(TicketState.Open, (await PortalTicketSteps.TicketAsync(app, number)).State);
        var list = await Html.GetAsync(emily.Client, "/portal/tickets");
        Assert.Equal("We are working on it", list.QuerySelector($"tr[data-ticket='{number}'] [data-testid=state]")!.TextContent);

        // An empty answer is refused with the field named, and nothing is added.
        var empty = await PortalTicketSteps.PostAsync(emily.Client, $"/portal/tickets/{number}", "answer", new Dictionary<string, string> { ["Answer.Body"] = " " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Message: write a text of at most", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = app.Scope())
            Assert.Equal(4, await scope.ServiceProvider.GetRequiredService<AppDb>().TicketMessages.CountAsync(m => m.TicketId == ticket.Id));

        // Once closed, the page says so and offers no answer form.
        await PortalTicketSteps.DeskAsync(app, d => d.SetStateAsync(ticket.Id, TicketState.Closed));
        var closed = await Html.GetAsync(emily.Client, $"/portal/tickets/{number}");
        Assert.Equal("Closed", closed.QuerySelector("[data-testid=state]")!.TextContent);
        Assert.DoesNotContain("answer", Html.FormNames(closed));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AnotherMembersTicket_IsNotFound_ByNumber_AttachmentOrFormPost(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, PortalTicketSteps.NoJobs);
        var (owner, emily) = await PortalTicketSteps.OwnerAndEmilyAsync(app);
        var max = await PortalTicketSteps.MemberAsync(app, owner, "Max", "Mustermann", "max@example.org");
        var hers = await PortalTicketSteps.AskAsync(emily, "My private matter", "Only for you.", ("private.txt", "text/plain", Encoding.UTF8.GetBytes("private")));
        var his = await PortalTicketSteps.AskAsync(max, "My own question", "Hello.");
        var herTicket = await PortalTicketSteps.TicketAsync(app, hers);
        await PortalTicketSteps.DeskAsync(app, d => d.SetStateAsync(herTicket.Id, TicketState.Solved));
        Guid herFile;
        await using (var scope = app.Scope())
            herFile = await scope.ServiceProvider.GetRequiredService<AppDb>().TicketAttachments.Select(a => a.Id).SingleAsync();

        var byNumber = await max.Client.GetAsync($"/portal/tickets/{hers}");
        Assert.Equal(HttpStatusCode.NotFound, byNumber.StatusCode);
        var notFound = await byNumber.Content.ReadAsStringAsync();
        Assert.DoesNotContain("My private matter", notFound, StringComparison.Ordinal);
        // A page that says so in the portal's layout, not a blank one (a browser shows an empty 404 as its own error).
        Assert.Contains("Page not found", Html.Parse(notFound).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await max.Client.GetAsync($"/portal/tickets/attachments/{herFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await max.Client.GetAsync("/portal/tickets/99999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await max.Client.GetAsync("/portal/tickets/%2310001")).StatusCode);
        var list = await Html.GetAsync(max.Client, "/portal/tickets");
        Assert.Equal([his.ToString(System.Globalization.CultureInfo.InvariantCulture)], list.QuerySelectorAll("tr[data-ticket]").Select(r => r.GetAttribute("data-ticket")));

        // His own page's forms, with his valid antiforgery token, posted at her ticket: nothing is written.
        var answer = await PortalTicketSteps.PostAsync(max.Client, $"/portal/tickets/{hers}", "answer",
            new Dictionary<string, string> { ["Answer.Body"] = "I am in your ticket" }, loadFrom: $"/portal/tickets/{his}");
        // Refused exactly as at a number nobody has: the answer tells nothing about her ticket.
        var nobodys = await PortalTicketSteps.PostAsync(max.Client, "/portal/tickets/99999", "answer",
            new Dictionary<string, string> { ["Answer.Body"] = "I am in your ticket" }, loadFrom: $"/portal/tickets/{his}");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(nobodys.StatusCode, answer.StatusCode);
        var hisTicket = await PortalTicketSteps.TicketAsync(app, his);
        await PortalTicketSteps.DeskAsync(app, d => d.SetStateAsync(hisTicket.Id, TicketState.Solved));
        var rate = await PortalTicketSteps.PostAsync(max.Client, $"/portal/tickets/{hers}", "rate",
            new Dictionary<string, string> { ["Rating.Score"] = "1", ["Rating.Comment"] = "bad" }, loadFrom: $"/portal/tickets/{his}");
        Assert.Equal(HttpStatusCode.BadRequest, rate.StatusCode);
        var after = await PortalTicketSteps.TicketAsync(app, hers);
        Assert.Null(after.Rating);
        await using (var scope = app.Scope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDb>().TicketMessages.CountAsync(m => m.TicketId == herTicket.Id));
        // Her own page still opens for her.
        Assert.Equal("My private matter", (await Html.GetAsync(emily.Client, $"/portal/tickets/{hers}")).QuerySelector("[data-testid=subject]")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheList_ShowsTheMembersTicketsNewestFirst_InPages(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, PortalTicketSteps.NoJobs, clock);
        var (_, emily) = await PortalTicketSteps.OwnerAndEmilyAsync(app);
        for (var i = 1; i <= 21; i++)
        {
            await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Email, new TicketRequester(emily.Id, null), $"Question {i}", "Hello."));
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        await SupportPages.OpenByMailAsync(app, "stranger@example.org", "Not hers");

        var first = await Html.GetAsync(emily.Client, "/portal/tickets");
        var subjects = first.QuerySelectorAll("[data-testid=tickets] tbody tr td:nth-child(2)").Select(c => c.TextContent).ToList();
        Assert.Equal(20, subjects.Count);
        Assert.Equal(("Question 21", "Question 2"), (subjects[0], subjects[^1]));
        Assert.Contains("Page 1 of 2", first.QuerySelector(".pager")!.TextContent, StringComparison.Ordinal);
        var second = await Html.GetAsync(emily.Client, "/portal/tickets?page=2");
        Assert.Equal(["Question 1"], second.QuerySelectorAll("[data-testid=tickets] tbody tr td:nth-child(2)").Select(c => c.TextContent));
        Assert.NotNull((await Html.GetAsync(emily.Client, "/portal")).QuerySelector("a[href='/portal/tickets']"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task WhileTypingTheSubject_PublishedAnswersAreSuggested_AndTheirButtonCountsADeflection(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, PortalTicketSteps.NoJobs);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        for (var i = 1; i <= 6; i++) await WriteAnswerAsync(owner, $"Invoice question {i}", "About invoices.", faq: true);
        await WriteAnswerAsync(owner, "Invoice internals", "Staff only.", faq: false);
        var emily = await PortalTicketSteps.MemberAsync(app, owner, "Emily", "Evans", "emily@example.org");

        var form = await Html.GetAsync(emily.Client, "/portal/tickets/new");
        Assert.Equal("/portal/help/suggest", form.QuerySelector("#t-subject")!.GetAttribute("data-faq-suggest"));
        Assert.NotNull(form.QuerySelector("script[src='js/faq-suggest.js']"));
        var response = await emily.Client.GetAsync("/portal/help/suggest?q=" + Uri.EscapeDataString("my invoice is wrong"));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var suggestions = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.Equal(5, suggestions.Count);
        Assert.All(suggestions, s => Assert.StartsWith("Invoice question", s.GetProperty("title").GetString(), StringComparison.Ordinal));
        var first = suggestions[0];
        var id = first.GetProperty("id").GetString()!;
        Assert.EndsWith($"#answer-{id}", first.GetProperty("url").GetString(), StringComparison.Ordinal);
        // The link leads to that answer on the help page.
        var help = await Html.GetAsync(emily.Client, first.GetProperty("url").GetString()!.Split('#')[0]);
        Assert.NotNull(help.GetElementById($"answer-{id}"));
        Assert.Equal("[]", await emily.Client.GetStringAsync("/portal/help/suggest?q=zebra"));

        // "This answered my question" as the script posts it: the help page's form, with the new-request page's token.
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var helped = await emily.Client.PostAsync("/portal/help", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = $"helped-{id}", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal("/portal/help?thanks=true", Html.Location(helped));
        await using (var scope = app.Scope())
            Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<AppDb>().CannedAnswers.SingleAsync(a => a.Id == Guid.Parse(id))).Deflections);

        // Staff have no portal session, so the suggestions are not theirs to read.
        Assert.Equal("/portal/sign-in", Html.LocationPath(await owner.Client.GetAsync("/portal/help/suggest?q=invoice")));
    }

    private static async Task WriteAnswerAsync(StaffSession owner, string title, string body, bool faq)
    {
        var fields = new Dictionary<string, string> { ["Form.Language"] = "en", ["Form.Title"] = title, ["Form.Body"] = body, ["Form.Category"] = "" };
        if (faq) fields["Form.InFaq"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Client.SubmitAsync("/support/answers/new", "answer", fields)).StatusCode);
    }
}

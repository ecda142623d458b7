using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Web;

/// <summary>The owner's platform pages (outbox, one mail, jobs) render from the real database on each engine.</summary>
public sealed class PlatformPagesTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Outbox_ListsTheInvitation_WithItsStateInWords_AndOpensTheMailWithItsLink(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var client = await OwnerClientAsync(app);
        string link;
        await using (var scope = app.Scope())
        {
            var (result, invitation) = await scope.ServiceProvider.GetRequiredService<AccessOperations>()
                .InviteAsync("Maria Santos", "maria@example.org", Roles.Assistant, "en", null, "https://office.example");
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            link = invitation!;
        }

        using var outbox = await client.GetAsync(new Uri("/platform/outbox", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, outbox.StatusCode);
        var rows = new HtmlParser().ParseDocument(await outbox.Content.ReadAsStringAsync()).QuerySelectorAll("tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("maria@example.org", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("In the outbox", row.QuerySelector(".badge")!.TextContent.Trim());

        var mailPage = row.QuerySelector("a")!.GetAttribute("href")!;
        using var mail = await client.GetAsync(new Uri(mailPage, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, mail.StatusCode);
        var document = new HtmlParser().ParseDocument(await mail.Content.ReadAsStringAsync());
        Assert.Contains(link, document.QuerySelector("[data-testid=mail-body]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("MailOutbox", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Jobs_ListsJobsWithCountsPerState_AndFiltersByState(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var client = await OwnerClientAsync(app);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var now = DateTime.UtcNow;
            await db.EnqueueAsync("test.queued", new { }, now);
            await db.EnqueueAsync("test.queued", new { }, now);
            (await db.EnqueueAsync("test.failed", new { }, now)).State = JobState.Failed;
            await db.SaveChangesAsync();
        }

        var all = await JobRowsAsync(client, "/platform/jobs");
        Assert.Equal(3, all.Count);
        var queued = await JobRowsAsync(client, "/platform/jobs?state=Queued");
        Assert.Equal(2, queued.Count);
        Assert.All(queued, r => Assert.Equal(("test.queued", "Queued"), r));
        Assert.Equal([("test.failed", "Failed")], await JobRowsAsync(client, "/platform/jobs?state=Failed"));
        Assert.Empty(await JobRowsAsync(client, "/platform/jobs?state=Succeeded"));

        var tabs = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/platform/jobs", UriKind.Relative)))
            .QuerySelectorAll("nav.tabs a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Queued (2)", tabs);
        Assert.Contains("Failed (1)", tabs);
        Assert.Contains("Succeeded (0)", tabs);
    }

    private static async Task<List<(string Kind, string State)>> JobRowsAsync(HttpClient client, string page)
    {
        using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelectorAll("tbody tr")
            .Select(r => (r.QuerySelector("code")!.TextContent, r.QuerySelector(".badge")!.TextContent.Trim()))];
    }

    /// <summary>
    /// A client acting with an owner's API token. (Pages accept tokens like the API does; a token is not
    /// sent to authenticator enrolment, which keeps these tests about the pages rather than about sign-in.)
    /// </summary>
    private static async Task<HttpClient> OwnerClientAsync(TestApp app)
    {
        string secret;
        await using (var scope = app.Scope())
        {
            var (result, token) = await scope.ServiceProvider.GetRequiredService<AccessOperations>().CreateTokenAsync("page tests", Roles.Owner, [], null, null);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            secret = token!;
        }
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}

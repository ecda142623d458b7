using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Support;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;
using static RightHand.Tests.Members.Api.SyncApi;

namespace RightHand.Tests.Support.Api;

/// <summary>The ticket API as the platform's IT and automation use it: open, read, reply, note, list, search, page, and who may.</summary>
public sealed class TicketApiTests
{
    private static Task<HttpResponseMessage> OpenAsync(HttpClient api, JsonObject ticket) => api.PostAsync("/api/v1/tickets", JsonContent.Create(ticket));

    private static Task<HttpResponseMessage> WriteAsync(HttpClient api, string number, string kind, string body) =>
        api.PostAsync($"/api/v1/tickets/{number}/messages", JsonContent.Create(new JsonObject { ["kind"] = kind, ["body"] = body }));

    private static async Task<List<long>> NumbersAsync(HttpClient api, string query) =>
        (await JsonAsync(await api.GetAsync("/api/v1/tickets" + query))).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("number").GetInt64()).ToList();

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Open_Read_Reply_AndNote_RefusingBadFieldsWithoutChangingAnything(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var it = await StaffSession.CreateAndSignInAsync(app, Roles.It);
        var member = await SupportPages.MemberAsync(app, owner.PersonId, "Anna", "Schmidt", "anna@example.org", language: "en");
        await using (var scope = app.Scope()) Assert.True((await scope.ServiceProvider.GetRequiredService<TicketCategories>().AddAsync("Billing")).Succeeded);
        using var api = await ClientAsync(app, Roles.It, it.PersonId);

        var created = await OpenAsync(api, new JsonObject
        {
            ["memberNumber"] = member.Number, ["subject"] = "Invoice missing", ["body"] = "Where is my invoice?", ["priority"] = "high", ["category"] = "billing",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/tickets/10001", created.Headers.Location!.OriginalString);
        var ticket = (await JsonAsync(created)).GetProperty("ticket");
        Assert.Equal(("new", "high", "api", "Billing", "en"), (ticket.GetProperty("state").GetString(), ticket.GetProperty("priority").GetString(),
            ticket.GetProperty("channel").GetString(), ticket.GetProperty("category").GetString(), ticket.GetProperty("language").GetString()));
        Assert.Equal((member.Number, "anna@example.org"), (ticket.GetProperty("requester").GetProperty("memberNumber").GetString(),
            ticket.GetProperty("requester").GetProperty("email").GetString()));
        Assert.Equal(HttpStatusCode.Created, (await OpenAsync(api, new JsonObject { ["email"] = "guest@example.org", ["name"] = "Guest", ["subject"] = "Hello",
            ["body"] = "A question.", ["language"] = "de" })).StatusCode);

        // Bad fields: every one named with its reason, and no ticket is opened.
        var refused = await OpenAsync(api, new JsonObject { ["memberNumber"] = "NOPE-1", ["subject"] = "", ["body"] = "x", ["priority"] = "asap", ["category"] = "Nothing" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["category", "memberNumber", "priority"], (await JsonAsync(refused)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        var errors = (await JsonAsync(await OpenAsync(api, new JsonObject { ["email"] = "not-an-address", ["subject"] = " ", ["body"] = "", ["language"] = "fr" })))
            .GetProperty("errors");
        Assert.Equal(["body", "email", "language", "subject"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.StartsWith("Subject:", errors.GetProperty("subject")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/tickets", new StringContent("{not json", null, "application/json"))).StatusCode);

        // A reply is mailed to the requester and written by the token's person; a note is not mailed.
        Assert.Equal(HttpStatusCode.Created, (await WriteAsync(api, "10001", "reply", "It is attached to your account page.")).StatusCode);
        var noted = await WriteAsync(api, "%2310001", "note", "Checked the billing run.");
        Assert.Equal(HttpStatusCode.Created, noted.StatusCode);
        var wrong = await WriteAsync(api, "10001", "shout", "Hello");
        Assert.Equal(["kind"], (await JsonAsync(wrong)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["body"], (await JsonAsync(await WriteAsync(api, "10001", "note", " "))).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await WriteAsync(api, "99999", "note", "Hello")).StatusCode);
        using var nobody = await ClientAsync(app, Roles.It);
        Assert.Equal(HttpStatusCode.Forbidden, (await WriteAsync(nobody, "10001", "note", "Automation has no name.")).StatusCode);

        var read = await JsonAsync(await api.GetAsync("/api/v1/tickets/10001"));
        Assert.Equal("waitingForMember", read.GetProperty("ticket").GetProperty("state").GetString());
        var messages = read.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["requester", "reply", "note"], messages.Select(m => m.GetProperty("kind").GetString()));
        Assert.Equal("Checked the billing run.", messages[2].GetProperty("body").GetString());
        Assert.Equal(it.Name, messages[1].GetProperty("authorName").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/tickets/99999")).StatusCode);

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.Equal(2, await db.Tickets.CountAsync());
            var mail = await db.OutgoingMails.AsNoTracking().SingleAsync(m => m.To == "anna@example.org");
            Assert.Equal("[#10001] Invoice missing", mail.Subject);
            Assert.Contains("It is attached to your account page.", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("billing run", mail.TextBody, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Get_ShowsAttachmentsMetadata_WithoutTheContent(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var bytes = "%PDF-1.4 invoice"u8.ToArray();
        await using (var content = new MemoryStream(bytes))
        {
            await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Email, new TicketRequester(null, "bob@example.org"), "Scan", "See the file.",
                Attachments: [new NewAttachment("Rechnung März.pdf", "application/pdf", content)]));
        }
        using var api = await ClientAsync(app, Roles.It);
        var text = await (await api.GetAsync("/api/v1/tickets/10001")).Content.ReadAsStringAsync();
        var file = JsonDocument.Parse(text).RootElement.GetProperty("messages")[0].GetProperty("attachments").EnumerateArray().Single();
        Assert.Equal(("Rechnung März.pdf", "application/pdf", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))),
            (file.GetProperty("fileName").GetString(), file.GetProperty("contentType").GetString(), file.GetProperty("size").GetInt32(), file.GetProperty("sha256").GetString()));
        Assert.DoesNotContain("PDF-1.4", text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task List_FiltersSearchesAndPagesByCursor(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        for (var i = 1; i <= 5; i++)
        {
            await SupportPages.OpenByMailAsync(app, $"c{i}@example.org", i % 2 == 0 ? $"Rechnung {i}" : $"Login {i}", i == 3 ? "Bitte um Erstattungen." : "Hallo.");
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        var since = clock.GetUtcNow();
        await using (var scope = app.Scope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<TicketDesk>();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var first = await db.Tickets.SingleAsync(t => t.Number == 10001);
            var second = await db.Tickets.SingleAsync(t => t.Number == 10002);
            Assert.True((await desk.AssignAsync(first.Id, owner.PersonId)).Succeeded);
            Assert.True((await desk.SetPriorityAsync(second.Id, TicketPriority.Urgent)).Succeeded);
            Assert.True((await desk.AddTagAsync(second.Id, "Refund")).Succeeded);
            Assert.True((await desk.SetStateAsync(second.Id, TicketState.WaitingForIt)).Succeeded);
        }
        using var api = await ClientAsync(app, Roles.It);

        Assert.Equal([10003, 10004, 10005, 10001, 10002], await NumbersAsync(api, ""));
        Assert.Equal([10002], await NumbersAsync(api, "?state=waitingForIt"));
        Assert.Equal([10002], await NumbersAsync(api, "?priority=URGENT&tag=refund"));
        Assert.Equal([10001], await NumbersAsync(api, $"?assignee={owner.PersonId}"));
        Assert.Equal([10003, 10004, 10005, 10002], await NumbersAsync(api, "?assignee=none"));
        Assert.Equal([10001, 10002], await NumbersAsync(api, "?updatedSince=" + Uri.EscapeDataString(since.ToString("O"))));
        Assert.Equal([10004, 10002], await NumbersAsync(api, "?q=Rechnungen"));
        Assert.Equal([10003], await NumbersAsync(api, "?q=Erstattung"));
        Assert.Equal([10005], await NumbersAsync(api, "?q=%2310005"));
        foreach (var bad in new[] { "?state=2", "?priority=asap", "?category=Nothing", "?assignee=me", "?updatedSince=yesterday", "?cursor=@@", "?limit=0" })
        {
            var response = await api.GetAsync("/api/v1/tickets" + bad);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, bad);
        }

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await JsonAsync(await api.GetAsync($"/api/v1/tickets?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("number").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null);
        Assert.Equal([10003, 10004, 10005, 10001, 10002], seen);
        Assert.Equal(3, pages);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task OnlyTokensWithTheSupportApiPermission_ReachTickets(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await SupportPages.OpenByMailAsync(app, "anna@example.org", "Hello");
        using var owner = await ClientAsync(app, Roles.Owner);
        using var assistant = await ClientAsync(app, Roles.Assistant);
        using var syncOnly = await ClientAsync(app, Roles.It, Permissions.MembersSync);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/tickets/10001")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await assistant.GetAsync("/api/v1/tickets/10001")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await syncOnly.GetAsync("/api/v1/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/tickets")).StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheTicketRoutes()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);

        var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = doc.GetProperty("paths");
        var list = paths.GetProperty("/api/v1/tickets").GetProperty("get");
        Assert.Equal(["assignee", "category", "cursor", "limit", "priority", "q", "state", "tag", "updatedSince"],
            list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains("German and English word forms", list.GetProperty("description").GetString() ?? "", StringComparison.Ordinal);
        var open = paths.GetProperty("/api/v1/tickets").GetProperty("post");
        Assert.True(open.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Superset(new HashSet<string> { "201", "400", "422" }, open.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet());
        Assert.True(paths.GetProperty("/api/v1/tickets/{number}").TryGetProperty("get", out _));
        var message = paths.GetProperty("/api/v1/tickets/{number}/messages").GetProperty("post");
        Assert.Superset(new HashSet<string> { "201", "403", "404", "422" }, message.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet());
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        foreach (var schema in new[] { "TicketItem", "TicketPage", "TicketDetail", "MessageItem", "AttachmentItem", "TicketOpening", "TicketMessagePost" })
            Assert.True(schemas.TryGetProperty(schema, out _), $"no schema {schema}");
    }
}

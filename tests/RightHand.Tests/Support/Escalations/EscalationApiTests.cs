using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Support;
using RightHand.Support.Escalations;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;
using static RightHand.Tests.Members.Api.SyncApi;

namespace RightHand.Tests.Support.Escalations;

/// <summary>/api/v1/escalations as IT's own tracker uses it: read, list, and status updates back, with who may.</summary>
public sealed class EscalationApiTests
{
    private static Task<HttpResponseMessage> PatchAsync(HttpClient api, Guid id, JsonObject body) => api.PatchAsync($"/api/v1/escalations/{id}", JsonContent.Create(body));

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Patch_TakesStatusUpdatesBack_RefusesBadFieldsByName_AndOnlyForTokensWithThePermission(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var ticket = await SupportPages.OpenByMailAsync(app, "anna@example.org", "App crashes");
        Guid id;
        await using (var scope = app.Scope())
        {
            var (result, escalation) = await scope.ServiceProvider.GetRequiredService<EscalationDesk>().EscalateToItAsync(ticket.Id, owner.PersonId,
                new ItReport("Crash on start", "Open the app", "It starts", "It crashes", null, "Android 14, app 2.3.1", EscalationSeverity.Critical));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            id = escalation!.Id;
        }
        using var api = await ClientAsync(app, Roles.It);
        using var accountant = await ClientAsync(app, Roles.Accountant);

        var item = await JsonAsync(await api.GetAsync($"/api/v1/escalations/{id}"));
        Assert.Equal(("new", "critical", 10001L), (item.GetProperty("status").GetString(), item.GetProperty("severity").GetString(), item.GetProperty("ticketNumber").GetInt64()));
        var listed = await JsonAsync(await api.GetAsync("/api/v1/escalations?status=new"));
        Assert.Equal([id.ToString()], listed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Empty((await JsonAsync(await api.GetAsync("/api/v1/escalations?status=fixed"))).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/escalations?status=maybe")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await PatchAsync(accountant, id, new JsonObject { ["status"] = "confirmed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PatchAsync($"/api/v1/escalations/{id}", JsonContent.Create(new JsonObject()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(api, Guid.NewGuid(), new JsonObject { ["status"] = "confirmed" })).StatusCode);

        // Refused fields are named, and neither the status nor the reference sent along changes.
        var badStatus = await PatchAsync(api, id, new JsonObject { ["status"] = "solved", ["externalReference"] = "JIRA-1" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus.StatusCode);
        Assert.Equal(["status"], (await JsonAsync(badStatus)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var noNote = await PatchAsync(api, id, new JsonObject { ["status"] = "fixed", ["externalReference"] = "JIRA-1" });
        Assert.Equal(["note"], (await JsonAsync(noNote)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        item = await JsonAsync(await api.GetAsync($"/api/v1/escalations/{id}"));
        Assert.Equal(("new", JsonValueKind.Null), (item.GetProperty("status").GetString(), item.GetProperty("externalReference").ValueKind));

        var fixedNow = await PatchAsync(api, id, new JsonObject { ["status"] = "fixed", ["note"] = "Fixed in 2.3.2.", ["externalReference"] = "JIRA-1" });
        Assert.Equal(HttpStatusCode.OK, fixedNow.StatusCode);
        item = await JsonAsync(fixedNow);
        Assert.Equal(("fixed", "JIRA-1", "Fixed in 2.3.2."), (item.GetProperty("status").GetString(), item.GetProperty("externalReference").GetString(),
            item.GetProperty("resolution").GetString()));
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var back = await db.Tickets.SingleAsync();
            Assert.Equal((TicketState.Open, owner.PersonId), (back.State, back.AssigneeId));
        }
        var again = await PatchAsync(api, id, new JsonObject { ["status"] = "confirmed" });
        Assert.Contains("this escalation is finished", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Paged by cursor, oldest change first: a second escalation comes on the second page.
        var second = await SupportPages.OpenByMailAsync(app, "ben@example.org", "Slow pages");
        await using (var scope = app.Scope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<EscalationDesk>().EscalateToItAsync(second.Id, owner.PersonId,
                new ItReport("Slow", "Open a page", "Fast", "Slow", null, "Firefox 130", EscalationSeverity.Low))).Result.Succeeded);
        var first = await JsonAsync(await api.GetAsync("/api/v1/escalations?limit=1"));
        Assert.Equal([10001L], first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("ticketNumber").GetInt64()));
        var next = await JsonAsync(await api.GetAsync("/api/v1/escalations?limit=1&cursor=" + first.GetProperty("nextCursor").GetString()));
        Assert.Equal([10002L], next.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("ticketNumber").GetInt64()));
        Assert.Equal(JsonValueKind.Null, next.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEscalationRoutes()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);
        var paths = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/escalations").TryGetProperty("get", out _));
        var patch = paths.GetProperty("/api/v1/escalations/{id}").GetProperty("patch");
        Assert.True(patch.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Superset(new HashSet<string> { "200", "404", "422" }, patch.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet());
    }
}

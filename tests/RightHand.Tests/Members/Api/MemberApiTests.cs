using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;
using static RightHand.Tests.Members.Api.SyncApi;

namespace RightHand.Tests.Members.Api;

/// <summary>The sync API as the platform's IT uses it: read, upsert one, page through changes, who may.</summary>
public sealed class MemberApiTests
{
    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Put_CreatesWithTheGivenNumber_ThenChangesIt_AndRefusesBadFieldsWithoutChangingAnything(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        using var api = await ClientAsync(app);

        var created = await PutAsync(api, "EXT-0042", Member("Schmidt", "anna@example.org"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/members/EXT-0042", created.Headers.Location!.OriginalString);
        var changed = Member("Schmidt", "anna@example.org", city: "Hamburg");
        changed["postcode"] = "20095";
        changed["status"] = "active";
        changed["tags"] = new System.Text.Json.Nodes.JsonArray("VIP", "Speaker");
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(api, "EXT-0042", changed)).StatusCode);
        var unchanged = await PutAsync(api, "EXT-0042", changed);
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);

        var bad = Member("Schmidt", "anna(at)example", city: "Köln");
        bad["postcode"] = "1234";
        bad["status"] = "sleeping";
        var refused = await PutAsync(api, "EXT-0042", bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var errors = (await JsonAsync(refused)).GetProperty("errors");
        Assert.Equal(["email", "postcode", "status"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.StartsWith("E-mail:", errors.GetProperty("email")[0].GetString(), StringComparison.Ordinal);

        var member = await JsonAsync(await api.GetAsync("/api/v1/members/EXT-0042"));
        Assert.Equal("Hamburg", member.GetProperty("city").GetString());
        Assert.Equal("anna@example.org", member.GetProperty("email").GetString());
        Assert.Equal("active", member.GetProperty("status").GetString());
        Assert.Equal(["Speaker", "VIP"], member.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var missing = await api.GetAsync("/api/v1/members/NOPE-1");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        // Created, then one change (status and address together); the unchanged PUT and the refused one announce nothing.
        Assert.Equal([MemberEventKind.Created, MemberEventKind.Updated], await db.MemberEvents.OrderBy(e => e.At).Select(e => e.Kind).ToListAsync());
        Assert.Equal(2, await db.MemberStatusChanges.CountAsync());
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task List_PagesThroughChangesByCursor_AndUpdatedSinceLeavesOutOlderChanges(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        using var api = await ClientAsync(app);
        // Five in one batch share their change time: the cursor must still page through them without repeats or gaps.
        Assert.Equal(HttpStatusCode.OK, (await BatchAsync(api, Enumerable.Range(1, 5).Select(i => Member($"Early{i}", $"early{i}@example.org")))).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(5));
        var since = clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await BatchAsync(api, Enumerable.Range(1, 3).Select(i => Member($"Late{i}", $"late{i}@example.org")))).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(api, "M-10001", Member("Early1", "early1@example.org", city: "Potsdam"))).StatusCode);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await JsonAsync(await api.GetAsync($"/api/v1/members?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("lastName").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null && pages < 10);

        Assert.Equal(4, pages);
        // By change time; members changed at the same moment come in an order of their own, but each exactly once.
        Assert.Equal(["Early2", "Early3", "Early4", "Early5", "Late1", "Late2", "Late3", "Early1"], seen.Take(4).Order().Concat(seen.Skip(4).Take(3).Order()).Concat(seen.Skip(7)));
        var recent = await JsonAsync(await api.GetAsync($"/api/v1/members?updatedSince={Uri.EscapeDataString(since.ToString("O"))}"));
        var names = recent.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("lastName").GetString()!).ToList();
        Assert.Equal(["Late1", "Late2", "Late3", "Early1"], names.Take(3).Order().Append(names[^1]));
        Assert.Equal(JsonValueKind.Null, recent.GetProperty("nextCursor").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/members?cursor=not-a-cursor")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/members?limit=1001")).StatusCode);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TokenWithoutTheSyncPermission_Gets403_AndWritesNothing(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        using var it = await ClientAsync(app, Roles.It);
        using var assistant = await ClientAsync(app, Roles.Assistant);
        using var readOnlyOwner = await ClientAsync(app, Roles.Owner, Permissions.MembersRead);

        Assert.Equal(HttpStatusCode.OK, (await it.GetAsync("/api/v1/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await assistant.GetAsync("/api/v1/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnlyOwner.GetAsync("/api/v1/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(assistant, "X-1", Member("Weber", "weber@example.org"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await BatchAsync(readOnlyOwner, [Member("Weber", "weber@example.org")])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/members")).StatusCode);

        await using var scope = app.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDb>().Members.AnyAsync());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheMemberRoutes()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);

        var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = doc.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/members").TryGetProperty("get", out var list));
        Assert.Equal(["cursor", "limit", "updatedSince"], list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
        Assert.True(paths.GetProperty("/api/v1/members/{number}").TryGetProperty("get", out _));
        var put = paths.GetProperty("/api/v1/members/{number}").GetProperty("put");
        Assert.True(put.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Superset(new HashSet<string> { "200", "201", "400", "422" }, put.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet());
        var batch = paths.GetProperty("/api/v1/members/batch").GetProperty("post");
        Assert.True(batch.GetProperty("responses").TryGetProperty("413", out _));
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        foreach (var schema in new[] { "MemberItem", "MemberPage", "MemberUpsert", "MemberBatchRequest", "MemberBatchResult", "MemberBatchProblem" })
            Assert.True(schemas.TryGetProperty(schema, out _), $"no schema {schema}");
    }
}

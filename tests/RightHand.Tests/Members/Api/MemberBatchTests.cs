using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;
using static RightHand.Tests.Members.Api.SyncApi;

namespace RightHand.Tests.Members.Api;

/// <summary>The batch upsert: all or nothing, every refused item listed, numbers for new members, repeated batches unchanged.</summary>
public sealed class MemberBatchTests
{
    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task BatchWithBadItems_WritesNothing_AndListsEachOne_ThenTheMendedBatchWritesAll(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        using var api = await ClientAsync(app);
        var items = Enumerable.Range(0, 2000).Select(i => Member($"Person{i}", $"person{i}@example.org")).ToList();
        items[1234]["postcode"] = "ABC";
        items[1500]["email"] = "person7@example.org";

        var refused = await BatchAsync(api, items);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var errors = (await JsonAsync(refused)).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(1234, "postcode"), (1500, "email")], errors);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.False(await db.Members.AnyAsync());
            Assert.False(await db.MemberEvents.AnyAsync());
        }

        items[1234]["postcode"] = "10115";
        items[1500]["email"] = "person1500@example.org";
        var written = await JsonAsync(await BatchAsync(api, items));
        Assert.Equal(2000, written.GetProperty("created").GetInt32());
        Assert.Equal("M-10001", written.GetProperty("items")[0].GetProperty("number").GetString());
        Assert.Equal("M-12000", written.GetProperty("items")[1999].GetProperty("number").GetString());

        // Again by e-mail, one of them moved: one update, the rest unchanged.
        items[5]["city"] = "Potsdam";
        items[5]["postcode"] = "14467";
        var again = await JsonAsync(await BatchAsync(api, items));
        Assert.Equal((0, 1, 1999), (again.GetProperty("created").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.Equal(2000, await db.Members.CountAsync());
            Assert.Equal("Potsdam", await db.Members.Where(m => m.EmailKey == "person5@example.org").Select(m => m.City).SingleAsync());
            Assert.Equal(2000, await db.MemberEvents.CountAsync(e => e.Kind == MemberEventKind.Created));
            Assert.Equal(1, await db.MemberEvents.CountAsync(e => e.Kind == MemberEventKind.Updated));
        }
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task DuplicatesInTheBatch_AreRefused_TooManyItemsAre413_AndCancellingAnnouncesACancellation(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        using var api = await ClientAsync(app);

        var twice = await BatchAsync(api, [Member("One", "one@example.org", "P-1"), Member("Two", "two@example.org", "P-1"), Member("Three", "ONE@example.org")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        var errors = (await JsonAsync(twice)).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(1, "number"), (2, "email")], errors);

        var tooMany = await BatchAsync(api, Enumerable.Range(0, 10_001).Select(i => Member($"P{i}", $"p{i}@example.org")));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await BatchAsync(api, [Member("One", "one@example.org", "P-1")])).StatusCode);
        var cancelled = Member("One", "one@example.org", "P-1");
        cancelled["status"] = "cancelled";
        Assert.Equal(HttpStatusCode.OK, (await BatchAsync(api, [cancelled])).StatusCode);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.Equal([MemberEventKind.Created, MemberEventKind.Cancelled], await db.MemberEvents.OrderBy(e => e.At).Select(e => e.Kind).ToListAsync());
        Assert.Equal(MemberStatus.Cancelled, (await db.Members.SingleAsync()).Status);
    }
}

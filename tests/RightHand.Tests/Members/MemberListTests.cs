using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Members;

/// <summary>The member list: search, filters, sorting, paging, and the CSV export of exactly the filtered list.</summary>
public sealed class MemberListTests
{
    /// <summary>60 members: every third one active on the Gold plan, every fifth tagged "VIP"; one carries a formula in its company.</summary>
    private static async Task<Guid> FillRegisterAsync(TestApp app, StaffSession owner)
    {
        var plan = await owner.Client.SubmitAsync("/members/settings", "plan", new Dictionary<string, string>
        {
            ["Plan.Name"] = "Gold", ["Plan.Fee"] = "12,50", ["Plan.Interval"] = "Yearly",
        });
        Assert.Equal("/members/settings?done=plan", Html.Location(plan));
        await using var scope = app.Scope();
        var register = scope.ServiceProvider.GetRequiredService<MemberRegister>();
        var gold = (await scope.ServiceProvider.GetRequiredService<AppDb>().MembershipPlans.SingleAsync()).Id;
        for (var i = 1; i <= 60; i++)
        {
            var draft = new MemberDraft("", $"First{i:00}", i == 7 ? "Zander" : $"Name{61 - i:00}", i == 5 ? "=HYPERLINK(\"http://evil.example\",\"click\")" : null,
                $"member{i:00}@example.org", null, "de", null, null, null, "DE", null, i % 3 == 0 ? gold : null, null, i % 5 == 0 ? "VIP" : "",
                i % 3 == 0 ? MemberStatus.Active : MemberStatus.Prospect);
            var (result, _) = await register.CreateAsync(draft, owner.PersonId);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }
        return gold;
    }

    private static List<string> Numbers(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("tr[data-member]").Select(r => r.GetAttribute("data-member")!).ToList();

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task SearchFilterSortAndPaging_ShowTheRightMembers(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var gold = await FillRegisterAsync(app, owner);

        var first = await Html.GetAsync(owner.Client, "/members");
        Assert.Equal("60 members", first.QuerySelector("[data-testid=count]")!.TextContent);
        Assert.Equal(50, Numbers(first).Count);
        Assert.Equal("M-10001", Numbers(first)[0]);
        Assert.Equal("/members?page=2&after=10050", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        var second = await Html.GetAsync(owner.Client, "/members?page=2");
        Assert.Equal(Enumerable.Range(51, 10).Select(i => $"M-{10000 + i}"), Numbers(second));

        Assert.Equal(["M-10007"], Numbers(await Html.GetAsync(owner.Client, "/members?q=zAnDeR")));
        Assert.Equal(["M-10007"], Numbers(await Html.GetAsync(owner.Client, "/members?q=" + Uri.EscapeDataString("First07 Zand"))));
        Assert.Equal(["M-10012"], Numbers(await Html.GetAsync(owner.Client, "/members?q=MEMBER12@")));
        Assert.Equal(["M-10042"], Numbers(await Html.GetAsync(owner.Client, "/members?q=M-10042")));
        Assert.Equal(["M-10042"], Numbers(await Html.GetAsync(owner.Client, "/members?q=m-10042")));
        Assert.Equal(["M-10042"], Numbers(await Html.GetAsync(owner.Client, "/members?q=10042")));
        Assert.Equal(20, Numbers(await Html.GetAsync(owner.Client, "/members?status=active")).Count);
        Assert.Equal(["M-10015", "M-10030", "M-10045", "M-10060"],
            Numbers(await Html.GetAsync(owner.Client, $"/members?status=active&plan={gold}&tag=VIP")));

        var byName = Numbers(await Html.GetAsync(owner.Client, "/members?sort=name"));
        Assert.Equal("M-10060", byName[0]); // Name01
        Assert.Equal("M-10060", Numbers(await Html.GetAsync(owner.Client, "/members?sort=created"))[0]);
        Assert.Equal("M-10003", Numbers(await Html.GetAsync(owner.Client, "/members?sort=status&status=active"))[0]);
        var lastByName = Numbers(await Html.GetAsync(owner.Client, "/members?sort=name&page=2"));
        Assert.Equal("M-10007", lastByName[^1]);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheNextLink_ShowsTheSamePageAsItsNumber_InEverySort(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await FillRegisterAsync(app, owner);

        foreach (var query in new[] { "?sort=number", "?sort=status", "?sort=created", "?sort=name", "?sort=created&q=member" })
        {
            var first = await Html.GetAsync(owner.Client, "/members" + query);
            var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
            Assert.Equal(query.Contains("name", StringComparison.Ordinal), !next.Contains("after=", StringComparison.Ordinal));
            var followed = Numbers(await Html.GetAsync(owner.Client, next));
            Assert.Equal(10, followed.Count);
            Assert.Equal(Numbers(await Html.GetAsync(owner.Client, "/members" + query + "&page=2")), followed);
            Assert.Empty(followed.Intersect(Numbers(first)));
        }
        // A member the link names that no longer exists: the page number still holds.
        Assert.Equal(10, Numbers(await Html.GetAsync(owner.Client, "/members?page=2&after=99999")).Count);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task CsvExport_HoldsExactlyTheFilteredList_WithFormulasDefused(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await FillRegisterAsync(app, owner);

        var list = await Html.GetAsync(owner.Client, "/members?tag=VIP&sort=name");
        var link = list.QuerySelector("[data-testid=export]")!.GetAttribute("href")!;
        Assert.Equal("/members/export.csv?tag=VIP&sort=name", link);
        var response = await owner.Client.GetAsync(link);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("number,salutation,first_name,last_name,company,email", lines[0], StringComparison.Ordinal);
        var rows = lines.Skip(1).ToList();
        Assert.Equal(["M-10060", "M-10055", "M-10050", "M-10045", "M-10040", "M-10035", "M-10030", "M-10025", "M-10020", "M-10015", "M-10010", "M-10005"],
            rows.Select(r => r.Split(',')[0]));
        var evil = rows.Single(r => r.StartsWith("M-10005,", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",", evil, StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r.Contains("member07@", StringComparison.Ordinal));
        Assert.Contains(",VIP,", rows[0], StringComparison.Ordinal); // the tags column
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ASavedView_IsALinkToTheSameFilter_ForItsOwnerOnly(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var gold = await FillRegisterAsync(app, owner);

        var unnamed = await owner.Client.SubmitAsync("/members?status=active&tag=VIP", "save-view", new Dictionary<string, string> { ["ViewName"] = " " });
        Assert.Contains("View name: enter a name of at most 100 characters.", await unnamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = await owner.Client.SubmitAsync($"/members?status=active&plan={gold}&tag=VIP&sort=name&page=2", "save-view",
            new Dictionary<string, string> { ["ViewName"] = "Gold VIPs" });
        Assert.Equal($"/members?status=active&plan={gold}&tag=VIP&sort=name&done=view", Html.Location(saved));

        var list = await Html.GetAsync(owner.Client, "/members");
        var link = list.QuerySelectorAll("[data-testid=views] a").Single(a => a.TextContent == "Gold VIPs").GetAttribute("href")!;
        Assert.Equal(["M-10015", "M-10030", "M-10045", "M-10060"], Numbers(await Html.GetAsync(owner.Client, link)).Order());
        var assistant = await StaffSession.CreateAndSignInAsync(app, RightHand.Access.Roles.Assistant);
        Assert.Null((await Html.GetAsync(assistant.Client, "/members")).QuerySelector("[data-testid=views]"));

        var deleted = await owner.Client.SubmitAsync(link, "delete-view", new Dictionary<string, string>());
        Assert.Equal("/members?done=view-deleted", Html.Location(deleted));
        Assert.Null((await Html.GetAsync(owner.Client, "/members")).QuerySelector("[data-testid=views]"));
    }

    /// <summary>One of the 2,400 members <see cref="SeedDeepRegisterAsync"/> writes, as the list should order and filter them.</summary>
    private sealed record Seeded(int I, long Sequence, string LastName, int Status, DateTime CreatedAt, bool Vip, bool Newsletter)
    {
        public string Number => $"M-{Sequence}";
    }

    /// <summary>
    /// 2,400 members straight into the tables (through the register it would take minutes): every second one tagged "VIP"
    /// (1,200, past the count's limit), every third "Newsletter", statuses, names and join times shuffled against the numbers.
    /// </summary>
    private static async Task<List<Seeded>> SeedDeepRegisterAsync(TestApp app)
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var seeded = Enumerable.Range(1, 2400).Select(i => new Seeded(i, 10000 + i, $"Name{i * 37 % 2400:0000}", i % 7 % 4,
            start.AddMinutes(i * 11 % 2400), i % 2 == 0, i % 3 == 0)).ToList();
        foreach (var chunk in seeded.Chunk(400))
        {
            static string Id(Seeded m) => new Guid($"{m.I:X8}-0000-7000-8000-{m.I:X12}").ToString().ToUpperInvariant();
            var members = chunk.Select(m => $"('{Id(m)}', {m.Sequence}, '{m.Number}', 'First', '{m.LastName}', 'm{m.I}@example.org', 'm{m.I}@example.org', "
                + $"'first {m.LastName.ToLowerInvariant()}', 'de', {m.Status}, '{m.CreatedAt:yyyy-MM-dd HH:mm:ss}', '{m.CreatedAt:yyyy-MM-dd HH:mm:ss}', '{m.CreatedAt:yyyy-MM-dd HH:mm:ss}')");
            // The tags are given a wrong name on purpose: the database takes the member's own (migration 0034).
            var tags = chunk.Where(m => m.Vip).Select(m => $"('{Id(m)}', {m.Sequence}, 'VIP', 'Stale')")
                .Concat(chunk.Where(m => m.Newsletter).Select(m => $"('{Id(m)}', {m.Sequence}, 'Newsletter', 'Stale')"));
            await app.ExecuteSqlAsync($"""
                INSERT INTO members (id, sequence, number, first_name, last_name, email, email_key, name_key, language, status, status_since, created_at, updated_at)
                VALUES {string.Join(",\n", members)};
                INSERT INTO member_tags (member_id, member_sequence, tag, last_name) VALUES {string.Join(",\n", tags)};
                """);
        }
        return seeded;
    }

    private static List<string> PageOf(IEnumerable<Seeded> ordered, int page) =>
        ordered.Skip((page - 1) * 50).Take(50).Select(m => m.Number).ToList();

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ADeepPageOfATag_TypedIn_ShowsTheRightMembersInEveryOrderAndFilter(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var seeded = await SeedDeepRegisterAsync(app);
        var vip = seeded.Where(m => m.Vip).ToList();

        var page20 = await Html.GetAsync(owner.Client, "/members?tag=VIP&page=20");
        Assert.Equal(PageOf(vip, 20), Numbers(page20));
        Assert.Equal("More than 1,000 members", page20.QuerySelector("[data-testid=count]")!.TextContent);
        Assert.Equal($"/members?tag=VIP&page=21&after={vip[999].Sequence}", page20.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        var page19 = await Html.GetAsync(owner.Client, "/members?tag=VIP&page=19");
        Assert.Equal(Numbers(page20), Numbers(await Html.GetAsync(owner.Client, page19.QuerySelector("a[rel=next]")!.GetAttribute("href")!)));
        var last = await Html.GetAsync(owner.Client, "/members?tag=VIP&page=24");
        Assert.Equal(PageOf(vip, 24), Numbers(last));
        Assert.Null(last.QuerySelector("a[rel=next]"));

        var activeVip = vip.Where(m => m.Status == (int)MemberStatus.Active).ToList();
        var active = await Html.GetAsync(owner.Client, "/members?tag=VIP&status=active&page=3");
        Assert.Equal(PageOf(activeVip, 3), Numbers(active));
        Assert.Equal($"{activeVip.Count} members", active.QuerySelector("[data-testid=count]")!.TextContent);
        var searched = seeded.Where(m => m.Newsletter && m.LastName.StartsWith("Name1", StringComparison.Ordinal)).ToList();
        var search = await Html.GetAsync(owner.Client, "/members?tag=Newsletter&q=name1&page=5");
        Assert.Equal(PageOf(searched, 5), Numbers(search));
        Assert.Equal($"{searched.Count} members", search.QuerySelector("[data-testid=count]")!.TextContent);

        Assert.Equal(PageOf(vip.OrderBy(m => m.LastName).ThenBy(m => m.Sequence), 9), Numbers(await Html.GetAsync(owner.Client, "/members?tag=VIP&sort=name&page=9")));
        Assert.Equal(PageOf(vip.OrderBy(m => m.Status).ThenBy(m => m.Sequence), 15), Numbers(await Html.GetAsync(owner.Client, "/members?tag=VIP&sort=status&page=15")));
        Assert.Equal(PageOf(vip.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Sequence), 12),
            Numbers(await Html.GetAsync(owner.Client, "/members?tag=VIP&sort=created&page=12")));

        // A tag given by editing a member later lists them at their number: first on page 1, and page 20 moves up by one.
        var first = seeded[0];
        Assert.False(first.Vip);
        Assert.Equal($"/members/{first.Number}?done=saved", Html.Location(await owner.Client.SubmitAsync($"/members/{first.Number}", "edit",
            MemberPages.Fields("First", first.LastName, "m1@example.org", tags: "VIP"))));
        vip.Insert(0, first);
        Assert.Equal(PageOf(vip, 1), Numbers(await Html.GetAsync(owner.Client, "/members?tag=VIP")));
        Assert.Equal(PageOf(vip, 20), Numbers(await Html.GetAsync(owner.Client, "/members?tag=VIP&page=20")));

        // Renamed, a member moves in the tag's name order: the database passes the new name on to their tags.
        var renamed = vip[700];
        Assert.Equal($"/members/{renamed.Number}?done=saved", Html.Location(await owner.Client.SubmitAsync($"/members/{renamed.Number}", "edit",
            MemberPages.Fields("First", "Aaron", $"m{renamed.I}@example.org", tags: renamed.Newsletter ? "VIP, Newsletter" : "VIP",
                status: ((MemberStatus)renamed.Status).ToString()))));
        var byName = vip.Select(m => m == renamed ? m with { LastName = "Aaron" } : m).OrderBy(m => m.LastName).ThenBy(m => m.Sequence).ToList();
        Assert.Equal(renamed.Number, byName[0].Number);
        Assert.Equal(PageOf(byName, 1), Numbers(await Html.GetAsync(owner.Client, "/members?tag=VIP&sort=name")));
        Assert.Equal(PageOf(byName, 9), Numbers(await Html.GetAsync(owner.Client, "/members?tag=VIP&sort=name&page=9")));
        if (renamed.Newsletter) Assert.Equal(renamed.Number, Numbers(await Html.GetAsync(owner.Client, "/members?tag=Newsletter&sort=name"))[0]);
    }

    [Fact]
    public async Task PastAThousandMatches_TheListSaysMoreThan_AndPagesOnWithoutACount()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await using (var scope = app.Scope())
        {
            // Straight into the table: a thousand members through the register would take the test half a minute.
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            await db.Database.ExecuteSqlRawAsync("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1060)
                INSERT INTO members (id, sequence, number, last_name, email, email_key, name_key, language, status, status_since, created_at, updated_at)
                SELECT printf('%08X-0000-7000-8000-%012X', i, i), 10000 + i, 'M-' || (10000 + i), 'Name' || i, 'm' || i || '@example.org',
                       'm' || i || '@example.org', 'name' || i, 'de', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00'
                FROM n
                """);
        }

        var first = await Html.GetAsync(owner.Client, "/members");
        Assert.Equal("More than 1,000 members", first.QuerySelector("[data-testid=count]")!.TextContent);
        Assert.Equal("Page 1", first.QuerySelector(".pager span")!.TextContent);
        Assert.Equal("/members?page=2&after=10050", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        var beyond = await Html.GetAsync(owner.Client, "/members?page=21");
        Assert.Equal(50, Numbers(beyond).Count);
        Assert.Equal("/members?page=22&after=11050", beyond.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        var last = await Html.GetAsync(owner.Client, "/members?page=22");
        Assert.Equal(Enumerable.Range(1051, 10).Select(i => $"M-{10000 + i}"), Numbers(last));
        Assert.Null(last.QuerySelector("a[rel=next]"));
        // Under the limit the count is exact again: name1, name10–19, name100–199, name1000–1060.
        Assert.Equal("172 members", (await Html.GetAsync(owner.Client, "/members?q=name1")).QuerySelector("[data-testid=count]")!.TextContent);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Members;

/// <summary>Creating and changing members through the pages: checks, numbers, status history, tags, consents, the timeline, who may.</summary>
public sealed class MemberRegisterTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task BadInput_NamesEachFieldAndSavesNothing_GoodInput_GetsSequentialNumbersWithThePrefix(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);

        var bad = MemberPages.Fields("Anna", " ", "anna(at)example", status: "Active");
        bad["Input.Country"] = "Germany";
        bad["Input.DateOfBirth"] = "2999-01-01";
        var refused = Html.Parse(await (await owner.Client.SubmitAsync("/members/new", "create", bad)).Content.ReadAsStringAsync());
        var alert = refused.QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Last name: enter the member's last name.", alert, StringComparison.Ordinal);
        Assert.Contains("E-mail: enter a valid address such as name@example.org.", alert, StringComparison.Ordinal);
        Assert.Contains("Country: enter the two-letter ISO code, e.g. DE.", alert, StringComparison.Ordinal);
        Assert.Contains("Date of birth: the date must lie between 1900 and today.", alert, StringComparison.Ordinal);
        Assert.Equal("Anna", refused.QuerySelector("#m-first")!.GetAttribute("value")); // what was typed stays
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.False(await db.Members.AnyAsync());
            Assert.False(await db.MemberStatusChanges.AnyAsync());
        }

        Assert.Equal("M-10001", await MemberPages.CreateAsync(owner, MemberPages.Fields("Anna", "Schmidt", "anna@example.org")));
        var prefix = await owner.Client.SubmitAsync("/members/settings", "prefix", new Dictionary<string, string> { ["Prefix"] = "KV-" });
        Assert.Equal("/members/settings?done=prefix", Html.Location(prefix));
        Assert.Equal("KV-10002", await MemberPages.CreateAsync(owner, MemberPages.Fields("Ben", "Weber", "ben@example.org")));

        var duplicate = await owner.Client.SubmitAsync("/members/new", "create", MemberPages.Fields("Anna", "Schmidt", "ANNA@Example.org"));
        Assert.Contains("E-mail: another member has this address already.", Html.Parse(await duplicate.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent,
            StringComparison.Ordinal);
        var page = await Html.GetAsync(owner.Client, "/members/M-10001?done=created");
        Assert.Equal("Member created.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("Anna Schmidt", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("DE", page.QuerySelector("#m-country")!.GetAttribute("value"));

        // The postcode is checked against the country's form: four digits are no German postcode, but an Austrian one.
        var wrongPostcode = MemberPages.Fields("Clara", "Wolf", "clara@example.org");
        wrongPostcode["Input.Postcode"] = "1010";
        var postcodeRefused = Html.Parse(await (await owner.Client.SubmitAsync("/members/new", "create", wrongPostcode)).Content.ReadAsStringAsync());
        Assert.Contains("Postcode: \"1010\" is not a postcode in DE (for example 10115).", postcodeRefused.QuerySelector("[role=alert]")!.TextContent,
            StringComparison.Ordinal);
        wrongPostcode["Input.Country"] = "AT";
        Assert.Equal("KV-10003", await MemberPages.CreateAsync(owner, wrongPostcode));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task StatusChanges_Tags_AndConsents_AreKeptAsHistory_AndShowInTheTimeline(Engine engine)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var number = await MemberPages.CreateAsync(owner, MemberPages.Fields("Clara", "Fischer", "clara@example.org", tags: "VIP, Speaker"));

        clock.Advance(TimeSpan.FromMinutes(10));
        var activated = await owner.Client.SubmitAsync($"/members/{number}", "status", new Dictionary<string, string> { ["NewStatus"] = "Active" });
        Assert.Equal($"/members/{number}?done=status", Html.Location(activated));
        clock.Advance(TimeSpan.FromMinutes(30));
        await owner.Client.SubmitAsync($"/members/{number}", "status", new Dictionary<string, string> { ["NewStatus"] = "Paused" });
        var same = await owner.Client.SubmitAsync($"/members/{number}", "status", new Dictionary<string, string> { ["NewStatus"] = "Paused" });
        Assert.Contains("Status: the member already has this status.", await same.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noWording = await owner.Client.SubmitAsync($"/members/{number}", "consent", new Dictionary<string, string>
        {
            ["Consent.Kind"] = "newsletter", ["Consent.Granted"] = "true", ["Consent.WordingVersion"] = " ",
        });
        Assert.Contains("Wording version: say which wording the member agreed to", await noWording.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await owner.Client.SubmitAsync($"/members/{number}", "consent", new Dictionary<string, string>
        {
            ["Consent.Kind"] = "Newsletter", ["Consent.Granted"] = "true", ["Consent.WordingVersion"] = "2026-01",
        });
        var edit = MemberPages.Fields("Clara", "Fischer-Lang", "clara@example.org", tags: "Speaker, Board");
        Assert.Equal($"/members/{number}?done=saved", Html.Location(await owner.Client.SubmitAsync($"/members/{number}", "edit", edit)));
        await using (var before = app.Scope())
        {
            // Saving the same form again changes nothing: no audit entry, no "updated" event for the webhooks.
            var counts = before.ServiceProvider.GetRequiredService<AppDb>();
            var (events, entries) = (await counts.MemberEvents.CountAsync(), await counts.AuditEntries.CountAsync());
            Assert.Equal($"/members/{number}?done=saved", Html.Location(await owner.Client.SubmitAsync($"/members/{number}", "edit", edit)));
            Assert.Equal((events, entries), (await counts.MemberEvents.CountAsync(), await counts.AuditEntries.CountAsync()));
        }

        var page = await Html.GetAsync(owner.Client, $"/members/{number}");
        Assert.Equal("paused", page.QuerySelector("[data-testid=status]")!.TextContent);
        Assert.Equal(["Board", "Speaker"], page.QuerySelectorAll("[data-testid=tag]").Select(t => t.TextContent));
        var history = page.QuerySelectorAll("[data-testid=status-history] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(3, history.Count);
        Assert.Equal(["active", "paused"], history[0][1..3]);
        Assert.Equal(["prospect", "active"], history[1][1..3]);
        Assert.Equal(["—", "prospect"], history[2][1..3]);
        Assert.Equal("Olivia Owner", history[0][3]);
        var consent = page.QuerySelector("[data-consent=newsletter]")!.QuerySelectorAll("td").Select(c => c.TextContent).ToArray();
        Assert.Equal(["newsletter", "granted", "staff", "2026-01"], new[] { consent[0], consent[1], consent[3], consent[4] });
        var timeline = page.QuerySelectorAll("[data-testid=timeline] li").Select(li => li.TextContent).ToList();
        Assert.Contains(timeline, t => t.Contains("updated · member record", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.Contains("added · consent record", StringComparison.Ordinal));
        Assert.Equal(3, timeline.Count(t => t.Contains("member status change", StringComparison.Ordinal)));
        Assert.Contains(timeline, t => t.Contains("deleted · member tag", StringComparison.Ordinal)); // "VIP" taken off

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var member = await db.Members.SingleAsync();
        Assert.Equal((MemberStatus.Paused, clock.GetUtcNow().UtcDateTime), (member.Status, member.StatusSince));
        Assert.Single(await db.ConsentRecords.ToListAsync()); // the refused one left nothing behind
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheAssistantMayEditMembers_ItAndTheAccountantMayNotEvenRead(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var number = await MemberPages.CreateAsync(owner, MemberPages.Fields("Dora", "Klein", "dora@example.org"));
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        var opened = await assistant.Client.GetAsync($"/members/{number}");
        Assert.True(opened.StatusCode == HttpStatusCode.OK, $"{opened.StatusCode} {Html.Location(opened)}");
        var edited = await assistant.Client.SubmitAsync($"/members/{number}", "edit", MemberPages.Fields("Dora", "Klein-Berg", "dora@example.org"));
        Assert.Equal($"/members/{number}?done=saved", Html.Location(edited));
        Assert.Equal(HttpStatusCode.Redirect, (await assistant.Client.GetAsync("/members/settings")).StatusCode);

        foreach (var role in new[] { Roles.It, Roles.Accountant })
        {
            var outsider = await StaffSession.CreateAndSignInAsync(app, role);
            Assert.Equal("/access-denied", Html.LocationPath(await outsider.Client.GetAsync($"/members/{number}")));
            Assert.Equal("/access-denied", Html.LocationPath(await outsider.Client.GetAsync("/members/export.csv")));
        }
        await using var scope = app.Scope();
        Assert.Equal("Klein-Berg", (await scope.ServiceProvider.GetRequiredService<AppDb>().Members.SingleAsync()).LastName);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task CustomFieldsOfEachKind_CheckTheirValues_ShowOnTheMember_AndFilterTheList(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        async Task AddField(string name, string kind, string options = "") =>
            Assert.Equal("/members/settings?done=field", Html.Location(await owner.Client.SubmitAsync("/members/settings", "field",
                new Dictionary<string, string> { ["Field.Name"] = name, ["Field.Kind"] = kind, ["Field.Options"] = options })));
        await AddField("Nickname", "Text");
        await AddField("Donation", "Number");
        await AddField("First visit", "Date");
        await AddField("Shirt size", "Choice", "S\nM\nL");
        var oneOption = await owner.Client.SubmitAsync("/members/settings", "field",
            new Dictionary<string, string> { ["Field.Name"] = "Colour", ["Field.Kind"] = "Choice", ["Field.Options"] = "red" });
        Assert.Contains("Options: enter at least two options, one per line", await oneOption.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Dictionary<string, string> ids;
        await using (var scope = app.Scope())
            ids = await scope.ServiceProvider.GetRequiredService<AppDb>().CustomFields.ToDictionaryAsync(f => f.Name, f => f.Id.ToString());
        Assert.Equal(4, ids.Count);
        Dictionary<string, string> WithCustom(Dictionary<string, string> fields, string nick, string donation, string visit, string size)
        {
            fields[$"Input.Custom[{ids["Nickname"]}]"] = nick;
            fields[$"Input.Custom[{ids["Donation"]}]"] = donation;
            fields[$"Input.Custom[{ids["First visit"]}]"] = visit;
            fields[$"Input.Custom[{ids["Shirt size"]}]"] = size;
            return fields;
        }

        var bad = await owner.Client.SubmitAsync("/members/new", "create", WithCustom(MemberPages.Fields("Emil", "Wolf", "emil@example.org"), "Emi", "lots", "yesterday", "XXL"));
        var alert = Html.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Donation: enter a number.", alert, StringComparison.Ordinal);
        Assert.Contains("First visit: enter a date.", alert, StringComparison.Ordinal);
        Assert.Contains("Shirt size: choose one of the options.", alert, StringComparison.Ordinal);
        await using (var scope = app.Scope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDb>().CustomFieldValues.AnyAsync());

        var emil = await MemberPages.CreateAsync(owner, WithCustom(MemberPages.Fields("Emil", "Wolf", "emil@example.org"), "Emi", "12,50", "2026-05-01", "M"));
        await MemberPages.CreateAsync(owner, WithCustom(MemberPages.Fields("Frieda", "Roth", "frieda@example.org"), "", "", "", "L"));
        var page = await Html.GetAsync(owner.Client, $"/members/{emil}");
        Assert.Equal("Emi", page.QuerySelector($"[id='cf-{ids["Nickname"]}']")!.GetAttribute("value"));
        Assert.Equal("12.50", page.QuerySelector($"[id='cf-{ids["Donation"]}']")!.GetAttribute("value"));
        Assert.Equal("2026-05-01", page.QuerySelector($"[id='cf-{ids["First visit"]}']")!.GetAttribute("value"));
        Assert.Equal("M", page.QuerySelector($"[id='cf-{ids["Shirt size"]}'] option[selected]")!.GetAttribute("value"));

        var list = await Html.GetAsync(owner.Client, $"/members?field={ids["Shirt size"]}&value=M");
        Assert.Equal([emil], list.QuerySelectorAll("tr[data-member]").Select(r => r.GetAttribute("data-member")));
        var withVisit = await Html.GetAsync(owner.Client, $"/members?field={ids["First visit"]}");
        Assert.Equal([emil], withVisit.QuerySelectorAll("tr[data-member]").Select(r => r.GetAttribute("data-member")));

        // Emptying a field on the edit form removes its value.
        Assert.Equal($"/members/{emil}?done=saved", Html.Location(await owner.Client.SubmitAsync($"/members/{emil}", "edit",
            WithCustom(MemberPages.Fields("Emil", "Wolf", "emil@example.org"), "", "12,50", "2026-05-01", "S"))));
        await using (var scope = app.Scope())
        {
            var values = await scope.ServiceProvider.GetRequiredService<AppDb>().CustomFieldValues.ToListAsync();
            Assert.Equal(["12.50", "2026-05-01", "L", "S"], values.Select(v => v.Value).Order(StringComparer.Ordinal));
        }

        // The CSV export carries each custom field as a column named like the field, after the fixed columns.
        var csv = (await owner.Client.GetStringAsync("/members/export.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",notes,created_at_utc,Donation,First visit,Nickname,Shirt size", csv[0], StringComparison.Ordinal);
        Assert.EndsWith(",12.50,2026-05-01,,S", csv[1], StringComparison.Ordinal);
        Assert.EndsWith(",,,,L", csv[2], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task MembersCreatedAtTheSameMoment_GetDifferentNumbers(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var numbers = await Task.WhenAll(Enumerable.Range(1, 6).Select(async i =>
        {
            await using var scope = app.Scope();
            var (result, member) = await scope.ServiceProvider.GetRequiredService<MemberRegister>().CreateAsync(
                new MemberDraft(null, "Same", $"Moment{i}", null, $"moment{i}@example.org", null, "de", null, null, null, null, null, null, null, null), owner.PersonId);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            return member!.Number;
        }));
        Assert.Equal(Enumerable.Range(10001, 6).Select(n => $"M-{n}"), numbers.Order(StringComparer.Ordinal));
    }
}

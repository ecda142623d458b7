using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Portal;

/// <summary>What a member does with their own data in the portal, and that they never reach anyone else's.</summary>
public sealed class PortalDataTests
{
    private static Dictionary<string, string> Contact(string city, string postcode = "20095") => new()
    {
        ["Input.Salutation"] = "Frau", ["Input.FirstName"] = "Jana", ["Input.LastName"] = "Jäger", ["Input.Company"] = "", ["Input.Phone"] = "+49 40 123",
        ["Input.Street"] = "Elbchaussee 5", ["Input.Postcode"] = postcode, ["Input.City"] = city, ["Input.Country"] = "DE", ["Input.Language"] = "en",
    };

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ProfileCorrection_IsSaved_AuditedWithTheMemberAsActor_AndAnnounced(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var number = await PortalMembers.CreateAsync(app, owner, "Jana", "Jäger", "jana@example.org");
        var member = await PortalMembers.InviteAndAcceptAsync(app, owner, number, "jana@example.org");

        var bad = await member.SubmitAsync("/portal/profile", "profile", Contact("Hamburg", postcode: "ABC"));
        Assert.Contains("Postcode:", Html.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Berlin", (await PortalMembers.MemberAsync(app, number)).City);

        var saved = await member.SubmitAsync("/portal/profile", "profile", Contact("Hamburg"));
        Assert.Equal("/portal/profile?done=saved", Html.Location(saved));
        var after = await PortalMembers.MemberAsync(app, number);
        Assert.Equal(("Hamburg", "20095", "Frau"), (after.City, after.Postcode, after.Salutation));
        Assert.Equal("jana@example.org", after.Email);
        Assert.Equal(MemberStatus.Active, after.Status);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var id = after.Id.ToString();
        var entry = await db.AuditEntries.Where(e => e.EntityType == "Member" && e.EntityId == id && e.Action == "updated").OrderByDescending(e => e.Seq).FirstAsync();
        Assert.Equal($"member {number}", entry.ActorName);
        Assert.Null(entry.ActorPersonId);
        // The values are sealed under the member's key (GDPR erasure destroys it); opened, the change is there.
        Assert.DoesNotContain("Hamburg", entry.Changes, StringComparison.Ordinal);
        var opened = RightHand.Audit.AuditChanges.Read(entry.Changes, await RightHand.Audit.AuditChanges.KeysForAsync(db, [entry]));
        Assert.Contains(opened, c => c is { Field: "City", Old: "Berlin", New: "Hamburg" });
        Assert.True(await db.MemberEvents.AnyAsync(e => e.MemberId == after.Id && e.Kind == MemberEventKind.Updated));
        // The tag staff gave stays: the portal does not touch what it does not show.
        Assert.True(await db.MemberTags.AnyAsync(t => t.MemberId == after.Id && t.Tag == "VIP"));
        // Staff see the member's change on the member page's timeline.
        var timeline = (await Html.GetAsync(owner.Client, $"/members/{number}")).QuerySelector("[data-testid=timeline]")!.TextContent;
        Assert.Contains($"member {number}", timeline, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Consents_AreRecordedWithSourcePortal_AndTheWordingVersionShown(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var offered = await owner.Client.SubmitAsync("/members/portal", "offer", new Dictionary<string, string>
        {
            ["Offer.Kind"] = "newsletter", ["Offer.Title"] = "Monthly newsletter", ["Offer.Wording"] = "Yes, send me the monthly newsletter. I can withdraw at any time.",
        });
        Assert.Equal("/members/portal?done=offer", Html.Location(offered));
        var number = await PortalMembers.CreateAsync(app, owner, "Karl", "Kranich", "karl@example.org");
        var member = await PortalMembers.InviteAndAcceptAsync(app, owner, number, "karl@example.org");

        var page = await Html.GetAsync(member, "/portal/consents");
        Assert.Equal("Yes, send me the monthly newsletter. I can withdraw at any time.", page.QuerySelector("[data-consent=newsletter] [data-testid=wording]")!.TextContent);
        var granted = await member.SubmitAsync("/portal/consents", "consent", new Dictionary<string, string> { ["Answer.Kind"] = "newsletter", ["Answer.Granted"] = "true" });
        Assert.Equal("/portal/consents?done=saved", Html.Location(granted));
        Assert.StartsWith("You agreed", (await Html.GetAsync(member, "/portal/consents")).QuerySelector("[data-testid=answer]")!.TextContent.Trim(), StringComparison.Ordinal);
        await member.SubmitAsync("/portal/consents", "consent", new Dictionary<string, string> { ["Answer.Kind"] = "newsletter", ["Answer.Granted"] = "false" });
        var unknown = await member.SubmitAsync("/portal/consents", "consent", new Dictionary<string, string> { ["Answer.Kind"] = "phone-calls", ["Answer.Granted"] = "true" });
        Assert.Contains("This consent is not offered.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var id = (await PortalMembers.MemberAsync(app, number)).Id;
        var records = await db.ConsentRecords.Where(c => c.MemberId == id).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync();
        Assert.Equal([true, false], records.Select(r => r.Granted));
        Assert.All(records, r => Assert.Equal(("newsletter", "portal", "1"), (r.Kind, r.Source, r.WordingVersion)));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AMember_NeverReachesAnotherMembersData_NorTheStaffArea(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var offered = await owner.Client.SubmitAsync("/members/portal", "offer", new Dictionary<string, string>
        {
            ["Offer.Kind"] = "newsletter", ["Offer.Title"] = "Newsletter", ["Offer.Wording"] = "Send me news.",
        });
        Assert.Equal(HttpStatusCode.Redirect, offered.StatusCode);
        var numberA = await PortalMembers.CreateAsync(app, owner, "Anna", "Adler", "anna@example.org");
        var numberB = await PortalMembers.CreateAsync(app, owner, "Bernd", "Biber", "bernd@example.org");
        var a = await PortalMembers.InviteAndAcceptAsync(app, owner, numberA, "anna@example.org");
        var b = (await PortalMembers.MemberAsync(app, numberB)).Id;

        // Addresses with B's number or id show A's own data or nothing.
        foreach (var url in new[] { $"/portal/profile?member={b}", $"/portal?number={numberB}", $"/portal/profile/{b}", $"/portal/{numberB}" })
        {
            var response = await a.GetAsync(url);
            var page = Html.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
            // The address itself is echoed back (the language switch returns to it); the member's data never is.
            Assert.DoesNotContain("Biber", page.Body!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("bernd@example.org", page.Body.TextContent, StringComparison.Ordinal);
            if (page.QuerySelector("[data-testid=number]") is { } shown) Assert.Equal(numberA, shown.TextContent);
        }
        // The staff pages of B are not open to a member: their cookie does not even reach them.
        Assert.Equal("/signin", Html.LocationPath(await a.GetAsync($"/members/{numberB}")));
        Assert.Equal("/signin", Html.LocationPath(await a.GetAsync("/members")));

        // Forms posted with B's ids in extra fields change A, never B.
        var fields = new Dictionary<string, string>
        {
            ["Input.Salutation"] = "", ["Input.FirstName"] = "Mallory", ["Input.LastName"] = "Mallory", ["Input.Company"] = "", ["Input.Phone"] = "",
            ["Input.Street"] = "", ["Input.Postcode"] = "", ["Input.City"] = "", ["Input.Country"] = "", ["Input.Language"] = "en",
            ["Input.MemberId"] = b.ToString(), ["MemberId"] = b.ToString(), ["Number"] = numberB,
        };
        await a.SubmitAsync($"/portal/profile?member={b}", "profile", fields);
        await a.SubmitAsync("/portal/consents", "consent", new Dictionary<string, string> { ["Answer.Kind"] = "newsletter", ["Answer.Granted"] = "true", ["Answer.MemberId"] = b.ToString(), ["MemberId"] = b.ToString() });
        var bAfter = await PortalMembers.MemberAsync(app, numberB);
        Assert.Equal("Biber", bAfter.LastName);
        Assert.Equal("Mallory", (await PortalMembers.MemberAsync(app, numberA)).LastName);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.False(await db.ConsentRecords.AnyAsync(c => c.MemberId == b));

        // A staff session does not open the portal, not even for a staff person with the role Member.
        Assert.Equal("/portal/sign-in", Html.LocationPath(await owner.Client.GetAsync("/portal/profile")));
        var staffMember = await StaffSession.CreateAndSignInAsync(app, RightHand.Access.Roles.Member);
        Assert.Equal("/portal/sign-in", Html.LocationPath(await staffMember.Client.GetAsync("/portal")));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AMember_DownloadsTheirOwnDataExport_AndErasureEndsTheirPortalAccess(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var numberA = await PortalMembers.CreateAsync(app, owner, "Anna", "Adler", "anna@example.org");
        await PortalMembers.CreateAsync(app, owner, "Bernd", "Biber", "bernd@example.org");
        var a = await PortalMembers.InviteAndAcceptAsync(app, owner, numberA, "anna@example.org");

        var response = await a.GetAsync("/portal/my-data.zip");
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using (var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync()))
        {
            using var reader = new StreamReader(zip.GetEntry("member.json")!.Open());
            var json = await reader.ReadToEndAsync();
            Assert.Contains("anna@example.org", json, StringComparison.Ordinal);
            Assert.DoesNotContain("bernd@example.org", json, StringComparison.Ordinal);
            Assert.NotNull(zip.GetEntry("summary.html"));
        }
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "member_data_exported" && e.ActorName == $"member {numberA}"));
        }

        // Erasure takes the portal account and its links with it: the member's cookie and password stop working.
        var erased = await owner.Client.SubmitAsync($"/members/{numberA}/erase", "erase", new Dictionary<string, string> { ["Confirmation"] = numberA });
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.Equal("/portal/sign-in", Html.LocationPath(await a.GetAsync("/portal")));
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var id = (await PortalMembers.MemberAsync(app, numberA)).Id;
            Assert.False(await db.PortalAccounts.AnyAsync(x => x.MemberId == id));
            Assert.False(await db.PortalLinks.AnyAsync(x => x.MemberId == id));
        }
    }
}

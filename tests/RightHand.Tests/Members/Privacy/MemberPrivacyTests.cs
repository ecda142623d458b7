using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Members;
using RightHand.Members.Privacy;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Members.Privacy;

/// <summary>GDPR for members: the data export (Art. 15) and erasure (Art. 17), with the audit trail kept intact.</summary>
[Collection(CommandLineGroup.Name)]
public sealed class MemberPrivacyTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task DataExport_HoldsEverythingAboutTheMember_WithASummaryInTheirLanguage_AndIsAudited(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var number = await PrivacyFixture.CreateGretaAsync(app, owner);
        // The trail seals her values: in the table they are not readable, on the audit page they are.
        Assert.Equal(["members.street"], await PrivacyFixture.TextColumnsContainingAsync(app, "lindenweg"));
        Assert.Contains("Lindenweg 7", (await Html.GetAsync(owner.Client, "/audit")).QuerySelector("table.audit")!.TextContent, StringComparison.Ordinal);

        var page = await Html.GetAsync(owner.Client, $"/members/{number}");
        var link = page.QuerySelector("[data-testid=data-export]")!.GetAttribute("href")!;
        var response = await owner.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var files = zip.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());

        Assert.Contains("Lindenweg 7", files["member.json"], StringComparison.Ordinal);
        Assert.Contains("Greta.Hoffmann@example.org", files["member.json"], StringComparison.Ordinal);
        Assert.Contains("Gretas-Club", files["tables/member_tags.json"], StringComparison.Ordinal);
        Assert.Contains("\"Field\": \"Lieblingsding\"", files["tables/member_custom_values.json"], StringComparison.Ordinal);
        Assert.Contains("Fahrrad-Sattel", files["tables/member_custom_values.json"], StringComparison.Ordinal);
        Assert.Contains("\"WordingVersion\": \"2026-01\"", files["tables/consent_records.json"], StringComparison.Ordinal);
        Assert.Contains("Prospect", files["tables/member_status_changes.json"], StringComparison.Ordinal);
        Assert.Contains("Willkommen, Greta Hoffmann", files["tables/outgoing_mails.json"], StringComparison.Ordinal);
        Assert.DoesNotContain(files.Keys, k => k.Contains("member_keys", StringComparison.Ordinal));
        // The trail's entries about her, opened; nothing about Otto.
        Assert.Contains("Allergisch gegen Nüsse", files["audit.json"], StringComparison.Ordinal);
        Assert.DoesNotContain("enc:v1:", files["audit.json"], StringComparison.Ordinal);
        Assert.DoesNotContain("Otto", string.Concat(files.Values), StringComparison.Ordinal);
        // The summary speaks her language.
        Assert.Contains("<html lang=\"de\">", files["summary.html"], StringComparison.Ordinal);
        Assert.Contains("Daten, die wir über Sie speichern", files["summary.html"], StringComparison.Ordinal);
        Assert.Contains("§ 147 AO", files["summary.html"], StringComparison.Ordinal);
        Assert.Contains("tables/member_tags.json", files["summary.html"], StringComparison.Ordinal);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var greta = await db.Members.SingleAsync(m => m.Number == number);
        var audited = await db.AuditEntries.SingleAsync(e => e.Action == "member_data_exported");
        Assert.Equal((owner.Name, greta.Id.ToString()), (audited.ActorName, audited.EntityId));
        Assert.Contains(number, audited.Changes, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Erasure_NeedsTheOwnerAndTheNumber_ThenLeavesNoOldValueAnywhere_KeepsTheNumber_AndTheChainVerifies(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var number = await PrivacyFixture.CreateGretaAsync(app, owner);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);

        // The assistant may export but not erase, and is not offered the erasure.
        Assert.Equal("/access-denied", Html.LocationPath(await assistant.Client.GetAsync($"/members/{number}/erase")));
        Assert.Equal("/access-denied", Html.LocationPath(await assistant.Client.PostAsync($"/members/{number}/erase",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "erase", ["Confirmation"] = number }))));
        Assert.Null((await Html.GetAsync(assistant.Client, $"/members/{number}")).QuerySelector("[data-testid=erase]"));
        Assert.NotNull((await Html.GetAsync(owner.Client, $"/members/{number}")).QuerySelector("[data-testid=erase]"));

        // A wrong number is refused and changes nothing.
        var wrong = await owner.Client.SubmitAsync($"/members/{number}/erase", "erase", new Dictionary<string, string> { ["Confirmation"] = "M-10002" });
        Assert.Contains($"Confirmation: type the member number {number} exactly to erase.",
            Html.Parse(await wrong.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("members.email", await PrivacyFixture.TextColumnsContainingAsync(app, "greta"));

        var secondTab = await OpenForm.LoadAsync(owner.Client, $"/members/{number}/erase", "erase");
        var erased = await owner.Client.SubmitAsync($"/members/{number}/erase", "erase", new Dictionary<string, string> { ["Confirmation"] = number });
        Assert.Equal($"/members/{number}?done=erased", Html.Location(erased));

        // Nothing of her is left in any text column of any table, the audit trail included.
        foreach (var value in PrivacyFixture.GretasValues)
        {
            var left = await PrivacyFixture.TextColumnsContainingAsync(app, value);
            Assert.True(left.Count == 0, $"\"{value}\" is still in {string.Join(", ", left)}");
        }
        // Otto is untouched.
        Assert.Contains("members.email", await PrivacyFixture.TextColumnsContainingAsync(app, "otto@example.org"));

        // Erasing twice is refused.
        var again = await secondTab.SubmitAsync(new Dictionary<string, string> { ["Confirmation"] = number });
        Assert.Equal("This member's personal data has been erased already.",
            Html.Parse(await again.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")?.TextContent.Trim());

        var page = await Html.GetAsync(owner.Client, $"/members/{number}?done=erased");
        Assert.Equal($"Erased member {number}", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Personal data erased.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=erased]"));
        Assert.Null(page.QuerySelector("#m-first")); // no edit form for an erased member
        Assert.Empty(page.QuerySelectorAll("[data-testid=tag]"));
        Assert.Equal("erased", (await Html.GetAsync(owner.Client, "/members")).QuerySelector($"tr[data-member='{number}']")!.ClassName);

        // The audit page shows her old values as erased and Otto's as they are; the erasure itself is an entry with the number only.
        var trail = (await Html.GetAsync(owner.Client, "/audit")).QuerySelector("table.audit")!.TextContent;
        Assert.Contains("Street: (erased)", trail, StringComparison.Ordinal);
        Assert.Contains("Normalverbraucher", trail, StringComparison.Ordinal);
        Assert.Contains("member's personal data erased", trail, StringComparison.Ordinal);

        var (code, output) = await CommandLine.RunAsync(app, "audit", "verify");
        Assert.True(code == 0, output);
        Assert.Contains("audit trail intact", output, StringComparison.Ordinal);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var greta = await db.Members.SingleAsync(m => m.Number == number);
        Assert.Equal((MemberStatus.Cancelled, "", null), (greta.Status, greta.Email, greta.FirstName));
        Assert.NotNull(greta.ErasedAt);
        // Retained records still point to her by id and number.
        Assert.Single(await db.ConsentRecords.Where(c => c.MemberId == greta.Id).ToListAsync());
        Assert.Equal(2, await db.MemberStatusChanges.CountAsync(c => c.MemberId == greta.Id));
        Assert.Contains(await db.MemberEvents.Where(e => e.MemberId == greta.Id).ToListAsync(), e => e.Kind == MemberEventKind.Erased && e.Number == number);
        Assert.False(await db.MemberKeys.AnyAsync(k => k.MemberId == greta.Id));
        Assert.False(await db.OutgoingMails.AnyAsync(m => m.MemberId == greta.Id));
        var erasure = await db.AuditEntries.SingleAsync(e => e.Action == "member_erased");
        Assert.Equal((owner.Name, greta.Id.ToString()), (erasure.ActorName, erasure.EntityId));
        Assert.Contains(number, erasure.Changes, StringComparison.Ordinal);
        // Her record cannot be changed any more, by any way in.
        var register = scope.ServiceProvider.GetRequiredService<MemberRegister>();
        Assert.False((await register.ChangeStatusAsync(greta.Id, MemberStatus.Active, owner.PersonId)).Succeeded);
        Assert.False((await scope.ServiceProvider.GetRequiredService<MemberErasure>().EraseAsync(greta.Id, number, owner.PersonId)).Succeeded);
    }
}

using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using RightHand.Members;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>
/// Issue 4: a member invited to the portal signs in later with a one-time link, corrects their address, tries another
/// member's addresses and downloads their data; the owner exports a member's data and erases it.
/// </summary>
public sealed class PortalFlowTests(OwnerFixture fixture) : IClassFixture<OwnerFixture>
{
    private const string Password = "a portal passphrase of several words";

    private Task<Member> MemberAsync(string first, string last, string email, string language) =>
        MemberSeeds.CreateAsync(fixture, first, last, email, language, salutation: "Frau");

    [Fact]
    public async Task A_member_signs_in_by_link_corrects_their_address_and_sees_only_their_own_data()
    {
        var app = fixture.App;
        var t = new UiTexts(app, "en");
        var de = new UiTexts(app, "de");
        var jana = await MemberAsync("Jana", "Jäger", "jana@example.org", "de");
        var bernd = await MemberAsync("Bernd", "Biber", "bernd@example.org", "en");

        // The owner invites Jana from her member page; the mail is in her language.
        var owner = await fixture.NewOwnerPageAsync();
        await owner.GotoAsync(Journeys.Url(app, $"/members/{jana.Number}"));
        await owner.GetByRole(AriaRole.Button, new() { Name = t["Invite to the portal"] }).ClickAsync();
        await Expect(owner.GetByTestId("portal-access")).ToContainTextAsync(t["Invitation sent."]);
        var outbox = new OutboxPage(owner, t);
        await outbox.OpenMailToAsync(new Shell(owner, t), "jana@example.org");
        var invitation = await outbox.PortalLinkAsync();

        var member = await fixture.NewPageAsync("de");
        await member.GotoAsync(invitation);
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(de["Choose your password"]);
        await member.GetByLabel(de["Password"], new() { Exact = true }).FillAsync(Password);
        await member.GetByLabel(de["Repeat the password"], new() { Exact = true }).FillAsync(Password);
        await member.GetByRole(AriaRole.Button, new() { Name = de["Save password and sign in"] }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(de.Format("Hello, {0}", "Jana Jäger"));
        await member.Context.CloseAsync();

        // Days later, without her password: a one-time link by mail.
        member = await fixture.NewPageAsync("de");
        await member.GotoAsync(Journeys.Url(app, "/portal"));
        await Expect(member).ToHaveURLAsync(new Regex("/portal/sign-in"));
        await Screenshots.SaveAsync(member, "portal-sign-in-de");
        await member.GetByLabel(de["E-mail"]).Nth(1).FillAsync("jana@example.org");
        await member.GetByRole(AriaRole.Button, new() { Name = de["E-mail me a sign-in link"] }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status)).ToContainTextAsync(de["If this address has a portal account, we have sent it a sign-in link. It works once, for 15 minutes."]);
        await outbox.OpenMailToAsync(new Shell(owner, t), "jana@example.org");
        var link = await outbox.PortalLinkAsync();
        Assert.Contains("/portal/link/", link, StringComparison.Ordinal);
        await member.GotoAsync(link);
        await member.GetByRole(AriaRole.Button, new() { Name = de["Sign in now"] }).ClickAsync();
        await Expect(member.GetByTestId("number")).ToHaveTextAsync(jana.Number);
        await Screenshots.SaveAsync(member, "portal-home-de");

        // She corrects her address; the register has it at once.
        await member.GotoAsync(Journeys.Url(app, "/portal/profile"));
        await member.GetByLabel(de["Street"], new() { Exact = true }).FillAsync("Elbchaussee 5");
        await member.GetByLabel(de["Postcode"], new() { Exact = true }).FillAsync("2009");
        await member.GetByRole(AriaRole.Button, new() { Name = de["Save"], Exact = true }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Alert)).ToContainTextAsync("2009");
        await member.GetByLabel(de["Postcode"], new() { Exact = true }).FillAsync("20095");
        await member.GetByLabel(de["City"], new() { Exact = true }).FillAsync("Hamburg");
        await member.GetByRole(AriaRole.Button, new() { Name = de["Save"], Exact = true }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status)).ToHaveTextAsync(de["Saved."]);
        await Screenshots.SaveAsync(member, "portal-profile-de");
        await owner.GotoAsync(Journeys.Url(app, $"/members/{jana.Number}"));
        await Expect(owner.Locator("#m-city")).ToHaveValueAsync("Hamburg");
        await Expect(owner.GetByTestId("timeline")).ToContainTextAsync($"member {jana.Number}");

        // Bernd's number and id in the address show Jana's own data, never his; the staff area is closed to her.
        foreach (var url in new[] { $"/portal/profile?member={bernd.Id}", $"/portal?number={bernd.Number}", $"/members/{bernd.Number}" })
        {
            await member.GotoAsync(Journeys.Url(app, url));
            await Expect(member.Locator("body")).Not.ToContainTextAsync("Biber");
            await Expect(member.Locator("body")).Not.ToContainTextAsync("bernd@example.org");
        }
        await member.GotoAsync(Journeys.Url(app, "/portal"));
        var download = await member.RunAndWaitForDownloadAsync(() => member.GetByTestId("my-data").ClickAsync());
        using var zip = new ZipArchive(File.OpenRead((await download.PathAsync())!));
        using var json = new StreamReader(zip.GetEntry("member.json")!.Open());
        var data = await json.ReadToEndAsync();
        Assert.Contains("Elbchaussee 5", data, StringComparison.Ordinal);
        Assert.DoesNotContain("Biber", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_exports_a_members_data_and_erases_it()
    {
        var app = fixture.App;
        var t = new UiTexts(app, "en");
        var clara = await MemberAsync("Clara", "Wolf", "clara.wolf@example.org", "en");
        var owner = await fixture.NewOwnerPageAsync();
        await owner.GotoAsync(Journeys.Url(app, $"/members/{clara.Number}"));
        var download = await owner.RunAndWaitForDownloadAsync(() => owner.GetByTestId("data-export").ClickAsync());
        using (var zip = new ZipArchive(File.OpenRead((await download.PathAsync())!)))
        {
            Assert.NotNull(zip.GetEntry("summary.html"));
            using var json = new StreamReader(zip.GetEntry("member.json")!.Open());
            Assert.Contains("clara.wolf@example.org", await json.ReadToEndAsync(), StringComparison.Ordinal);
        }

        await owner.GetByTestId("erase").ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(t["Erase personal data"]);
        await Screenshots.SaveAsync(owner, "member-erase-en");
        var confirm = owner.GetByLabel(t.Format("Type the member number {0} to confirm", clara.Number));
        await confirm.FillAsync("M-1");
        await owner.GetByRole(AriaRole.Button, new() { Name = t["Erase personal data"] }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Alert)).ToContainTextAsync(t.Format("Confirmation: type the member number {0} exactly to erase.", clara.Number));
        await confirm.FillAsync(clara.Number);
        await owner.GetByRole(AriaRole.Button, new() { Name = t["Erase personal data"] }).ClickAsync();
        await Expect(owner.GetByTestId("erased")).ToBeVisibleAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Erased member {clara.Number}");
        await Expect(owner.Locator("body")).Not.ToContainTextAsync("clara.wolf@example.org");
        await Screenshots.SaveAsync(owner, "member-erased-en");

        // The audit trail no longer shows the old values (the chain check is in the integration tests).
        await owner.GotoAsync(Journeys.Url(app, "/audit"));
        await Expect(owner.Locator("body")).Not.ToContainTextAsync("clara.wolf@example.org");
    }
}

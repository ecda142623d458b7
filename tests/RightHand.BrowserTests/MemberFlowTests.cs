using System.Text.RegularExpressions;
using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>Issue 4: a member entered with a mistake and corrected, edited, paused, asked for consent; then a tag for a whole filtered list.</summary>
public sealed class MemberFlowTests(OwnerFixture fixture) : IClassFixture<OwnerFixture>
{
    [Fact]
    public async Task A_member_is_entered_corrected_paused_and_tagged_with_others_in_one_bulk_change()
    {
        var app = fixture.App;
        var t = new UiTexts(app, "en");
        var page = await fixture.NewOwnerPageAsync();
        await page.GotoAsync(Journeys.Url(app, "/"));
        await new Shell(page, t).NavLink("New member").ClickAsync();

        // A German postcode has five digits: the form says so, keeps what was typed, and saves nothing.
        var form = new MemberFormPage(page, t);
        await form.FillAsync("Anna", "Schmidt", "anna.schmidt@example.org", "1010", "Berlin", "DE");
        await form.CreateAsync();
        await Expect(form.Error).ToContainTextAsync("Postcode: \"1010\" is not a postcode in DE (for example 10115).");
        await Expect(form.Field("First name")).ToHaveValueAsync("Anna");
        await Screenshots.SaveAsync(page, "member-new-error-en");
        await form.Field("Postcode").FillAsync("10115");
        await form.CreateAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/members/M-10001\\?done=created$"));
        var member = new MemberPage(page, t);
        await Expect(member.Heading).ToHaveTextAsync("Anna Schmidt");
        await Expect(form.Status).ToHaveTextAsync(t["Member created."]);

        await form.Field("Last name").FillAsync("Schmidt-Weber");
        await form.Field("Tags (separated by commas)").FillAsync("Webinar");
        await form.SaveAsync();
        await Expect(form.Status).ToHaveTextAsync(t["Saved."]);
        await Expect(member.Heading).ToHaveTextAsync("Anna Schmidt-Weber");
        await Expect(member.Tags).ToHaveTextAsync("Webinar");
        await member.ChangeStatusAsync("paused");
        await Expect(member.StatusBadge).ToHaveTextAsync(t["paused"]);
        await Expect(member.History).ToContainTextAsync(t["paused"]);
        await member.RecordConsentAsync("newsletter", "2026-11");
        await Expect(member.Consents.Locator("tr[data-consent=newsletter]")).ToContainTextAsync("2026-11");
        await Expect(member.Timeline.Locator("li").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "member-page-en");

        // Two more members with the tag; the owner tags all three at once from the filtered list.
        foreach (var (first, last) in new[] { ("Ben", "Weber"), ("Clara", "Wolf") })
        {
            await page.GotoAsync(Journeys.Url(app, "/members/new"));
            await form.FillAsync(first, last, $"{first.ToLowerInvariant()}@example.org", "20095", "Hamburg", "DE");
            await form.Field("Tags (separated by commas)").FillAsync("Webinar");
            await form.CreateAsync();
            await Expect(form.Status).ToHaveTextAsync(t["Member created."]);
        }
        await new Shell(page, t).NavLink("Member list").ClickAsync();
        var list = new MemberListPage(page, t);
        await list.FilterByTagAsync("Webinar");
        await Expect(list.Rows).ToHaveCountAsync(3);
        await Screenshots.SaveAsync(page, "member-list-en");
        await list.ChangeTheseMembersAsync();
        var bulk = new BulkUpdatePages(page, t);
        await Expect(bulk.MatchCount).ToContainTextAsync(t.Format("{0} members match the filter", "3"));
        await Screenshots.SaveAsync(page, "member-bulk-en");
        await bulk.ApplyAsync("Add a tag", "Sommerfest 2027");
        await Expect(page).ToHaveURLAsync(new Regex("/members/bulk/[0-9a-f-]{36}\\?done=prepared$"));
        // The page refreshes itself while the job runs; the job worker of the app applies it.
        await Expect(bulk.State).ToHaveTextAsync(t["done"], new() { Timeout = 20_000 });
        await Expect(bulk.Progress).ToHaveTextAsync(t.Format("{0} of {1} members done, {2} changed", "3", "3", "3"));
        await Screenshots.SaveAsync(page, "member-bulk-done-en");
        await page.GotoAsync(Journeys.Url(app, "/members?tag=Sommerfest%202027"));
        await Expect(list.Rows).ToHaveCountAsync(3);
    }
}

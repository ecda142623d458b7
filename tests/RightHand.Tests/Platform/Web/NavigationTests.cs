using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Web;

/// <summary>The menu marks the one entry the page belongs to, never an entry and the one above it as well.</summary>
public sealed class NavigationTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/support", "/support")]
    [InlineData("/support/macros", "/support/macros")]
    [InlineData("/support/tickets/new", "/support/tickets/new")]
    [InlineData("/members/import", "/members/import")]
    [InlineData("/members", "/members")]
    public async Task Menu_MarksOnlyTheEntryOfThePage(string page, string marked)
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var html = await Html.GetAsync(owner.Client, page);
        var active = html.QuerySelectorAll(".sidebar nav a.active").Select(a => (a.GetAttribute("href"), a.GetAttribute("aria-current"))).ToList();
        Assert.Equal([(marked, "page")], active);
    }
}

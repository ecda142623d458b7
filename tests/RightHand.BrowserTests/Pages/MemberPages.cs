using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;

namespace RightHand.BrowserTests.Pages;

/// <summary>/members/new and the data card of /members/{number}: the member form.</summary>
public sealed class MemberFormPage(IPage page, UiTexts t)
{
    public ILocator Error => page.GetByRole(AriaRole.Alert);
    public ILocator Status => page.GetByRole(AriaRole.Status);
    public ILocator Field(string label) => page.GetByLabel(t[label], new() { Exact = true });

    public async Task FillAsync(string first, string last, string email, string postcode, string city, string country)
    {
        await Field("First name").FillAsync(first);
        await Field("Last name").FillAsync(last);
        await Field("E-mail").FillAsync(email);
        await Field("Postcode").FillAsync(postcode);
        await Field("City").FillAsync(city);
        await Field("Country (ISO code)").FillAsync(country);
    }

    public Task CreateAsync() => page.GetByRole(AriaRole.Button, new() { Name = t["Create member"] }).ClickAsync();

    public Task SaveAsync() => page.GetByRole(AriaRole.Button, new() { Name = t["Save"], Exact = true }).ClickAsync();
}

/// <summary>/members/{number}: status, consents and the timeline below the data.</summary>
public sealed class MemberPage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator StatusBadge => page.GetByTestId("status");
    public ILocator Number => page.GetByTestId("number");
    public ILocator Tags => page.GetByTestId("tag");
    public ILocator History => page.GetByTestId("status-history");
    public ILocator Consents => page.GetByTestId("consents");
    public ILocator Timeline => page.GetByTestId("timeline");

    public async Task ChangeStatusAsync(string status)
    {
        await page.GetByLabel(t["New status"], new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = t[status] });
        await page.GetByRole(AriaRole.Button, new() { Name = t["Change status"] }).ClickAsync();
    }

    public async Task RecordConsentAsync(string kind, string wording)
    {
        await page.GetByLabel(t["Consent to"], new() { Exact = true }).FillAsync(kind);
        await page.GetByLabel(t["Wording version"], new() { Exact = true }).FillAsync(wording);
        await page.GetByRole(AriaRole.Button, new() { Name = t["Record"], Exact = true }).ClickAsync();
    }
}

/// <summary>/members: search and filters, the table, the export and bulk links.</summary>
public sealed class MemberListPage(IPage page, UiTexts t)
{
    public ILocator Count => page.GetByTestId("count");
    public ILocator Rows => page.Locator("tr[data-member]");

    public async Task FilterByTagAsync(string tag)
    {
        await page.GetByLabel(t["Tag"], new() { Exact = true }).FillAsync(tag);
        await page.GetByRole(AriaRole.Button, new() { Name = t["Show"], Exact = true }).ClickAsync();
    }

    public Task ChangeTheseMembersAsync() => page.GetByRole(AriaRole.Link, new() { Name = t["Change these members"] }).ClickAsync();
}

/// <summary>/members/bulk and /members/bulk/{id}: one change for the filtered members, and its progress.</summary>
public sealed class BulkUpdatePages(IPage page, UiTexts t)
{
    public ILocator MatchCount => page.GetByTestId("bulk-count");
    public ILocator State => page.GetByTestId("bulk-state");
    public ILocator Progress => page.GetByTestId("bulk-progress");

    public async Task ApplyAsync(string change, string value)
    {
        await page.GetByLabel(t["Change"], new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = t[change] });
        await page.GetByLabel(t["New value"], new() { Exact = true }).FillAsync(value);
        await page.GetByRole(AriaRole.Button, new() { Name = t["Apply the change"] }).ClickAsync();
    }
}

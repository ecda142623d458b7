using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;

namespace RightHand.BrowserTests.Pages;

/// <summary>/access/people: invite, change roles, revoke.</summary>
public sealed class PeoplePage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["People"], Level = 1 });
    public ILocator Status => page.GetByRole(AriaRole.Status);

    public Task OpenAsync(string baseUrl) => page.GotoAsync(baseUrl + "/access/people");

    public async Task InviteAsync(string name, string email, string language, string role = "Assistant")
    {
        await page.GetByLabel(t["Name"], new() { Exact = true }).FillAsync(name);
        await page.GetByLabel(t["E-mail"], new() { Exact = true }).FillAsync(email);
        await page.GetByLabel(t["Role"], new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = t[role] });
        await page.GetByLabel(t["Language"], new() { Exact = true }).SelectOptionAsync(language);
        await page.GetByRole(AriaRole.Button, new() { Name = t["Send invitation"] }).ClickAsync();
    }

    public ILocator AccountRow(string email) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = email, Exact = true }) });

    public async Task ChangeRoleAsync(string email, string name, string role)
    {
        await page.GetByLabel(t.Format("Role of {0}", name), new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = t[role] });
        await AccountRow(email).GetByRole(AriaRole.Button, new() { Name = t["Change"], Exact = true }).ClickAsync();
    }

    public ILocator RevokeButton(string name) => page.GetByRole(AriaRole.Button, new() { Name = t.Format("Revoke access of {0}", name) });
}

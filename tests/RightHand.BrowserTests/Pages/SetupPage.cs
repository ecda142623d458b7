using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;

namespace RightHand.BrowserTests.Pages;

/// <summary>/setup: the first start, where the founder creates the owner account.</summary>
public sealed class SetupPage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["Set up RightHand"], Level = 1 });

    public async Task CreateOwnerAsync(string name, string email, string password)
    {
        await page.GetByLabel(t["Your name"], new() { Exact = true }).FillAsync(name);
        await page.GetByLabel(t["E-mail"], new() { Exact = true }).FillAsync(email);
        await page.GetByLabel(t["Password"], new() { Exact = true }).FillAsync(password);
        await page.GetByLabel(t["Repeat the password"], new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = t["Create owner account"] }).ClickAsync();
    }
}

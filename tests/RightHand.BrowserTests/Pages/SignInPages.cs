using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;

namespace RightHand.BrowserTests.Pages;

/// <summary>/signin: the first step, e-mail and password.</summary>
public sealed class SignInPage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["Sign in"], Level = 1 });

    public async Task SignInAsync(string email, string password)
    {
        await page.GetByLabel(t["E-mail"], new() { Exact = true }).FillAsync(email);
        await page.GetByLabel(t["Password"], new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = t["Sign in"], Exact = true }).ClickAsync();
    }
}

/// <summary>/signin/two-factor: the second step, the authenticator's code.</summary>
public sealed class SignInTwoFactorPage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["Confirm sign-in"], Level = 1 });

    public async Task ConfirmAsync(string code)
    {
        await page.GetByLabel(t["Code"], new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = t["Confirm"], Exact = true }).ClickAsync();
    }
}

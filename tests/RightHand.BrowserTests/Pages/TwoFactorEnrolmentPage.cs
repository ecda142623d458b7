using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;

namespace RightHand.BrowserTests.Pages;

/// <summary>/account/two-factor: connect an authenticator app, then see the recovery codes once.</summary>
public sealed class TwoFactorEnrolmentPage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["Two-factor sign-in"], Level = 1 });
    public ILocator Key => page.GetByTestId("authenticator-key");
    public ILocator QrCode => page.GetByRole(AriaRole.Img, new() { Name = t["QR code for the authenticator app"] });
    public ILocator RecoveryCodes => page.GetByTestId("recovery-codes").GetByRole(AriaRole.Listitem);
    public ILocator ContinueToDashboard => page.GetByRole(AriaRole.Link, new() { Name = t["Continue to the dashboard"] });

    /// <summary>Reads the key the way a person types it into the app, and enters the code the app would show. Returns the key.</summary>
    public async Task<string> EnrolAsync()
    {
        var key = (await Key.InnerTextAsync()).Trim();
        await page.GetByLabel(t["Code"], new() { Exact = true }).FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = t["Connect the app"] }).ClickAsync();
        return key;
    }
}

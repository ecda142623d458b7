using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;

namespace RightHand.BrowserTests.Pages;

/// <summary>/account, the passkeys section: the list and the form that creates a passkey on this device.</summary>
public sealed class AccountPasskeysSection(IPage page, UiTexts t)
{
    private ILocator Section => page.Locator("section#passkeys");

    public ILocator Heading => Section.GetByRole(AriaRole.Heading, new() { Name = t["Passkeys"], Level = 2 });
    public ILocator Status => Section.GetByRole(AriaRole.Status);
    public ILocator Row(string name) => Section.GetByRole(AriaRole.Row).Filter(new() { HasText = name });

    /// <summary>Names the passkey and lets the browser create it (the device asks for fingerprint, face or PIN).</summary>
    public async Task AddAsync(string name)
    {
        await Section.GetByLabel(t["Name of the new passkey"], new() { Exact = true }).FillAsync(name);
        await Section.GetByRole(AriaRole.Button, new() { Name = t["Add a passkey"] }).ClickAsync();
    }
}

/// <summary>/signin, the passkey button: no e-mail, no password; the device offers its passkey.</summary>
public sealed class PasskeySignIn(IPage page, UiTexts t)
{
    public ILocator Button => page.GetByRole(AriaRole.Button, new() { Name = t["Sign in with a passkey"] });
}

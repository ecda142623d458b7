using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;

namespace RightHand.BrowserTests.Pages;

/// <summary>/platform/outbox and one mail: without SMTP, invitations wait here.</summary>
public sealed partial class OutboxPage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["Outbox"], Level = 1 });
    public ILocator MailBody => page.GetByTestId("mail-body");

    /// <summary>From anywhere in the staff area: Platform → Outbox, then the newest mail to <paramref name="email"/>.</summary>
    public async Task OpenMailToAsync(Shell shell, string email)
    {
        await shell.NavLink("Outbox").ClickAsync();
        await Heading.WaitForAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = email }).First;
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await MailBody.WaitForAsync();
    }

    /// <summary>The invitation link in the open mail.</summary>
    public async Task<string> InvitationLinkAsync()
    {
        var match = InvitationLink().Match(await MailBody.InnerTextAsync());
        Assert.True(match.Success, "The mail holds no invitation link.");
        return match.Value;
    }

    /// <summary>The member portal link (invitation, sign-in, reset) in the open mail.</summary>
    public async Task<string> PortalLinkAsync()
    {
        var match = PortalLink().Match(await MailBody.InnerTextAsync());
        Assert.True(match.Success, "The mail holds no portal link.");
        return match.Value;
    }

    [GeneratedRegex(@"https?://\S+/invitation/[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();

    [GeneratedRegex(@"https?://\S+/portal/(invitation|link)/[A-Za-z0-9_-]+")]
    private static partial Regex PortalLink();
}

/// <summary>/invitation/{token}: the invitee chooses a password.</summary>
public sealed class InvitationPage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["Accept invitation"], Level = 1 });

    public async Task AcceptAsync(string password)
    {
        await page.GetByLabel(t["Password"], new() { Exact = true }).FillAsync(password);
        await page.GetByLabel(t["Repeat the password"], new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = t["Create my account"] }).ClickAsync();
    }
}
